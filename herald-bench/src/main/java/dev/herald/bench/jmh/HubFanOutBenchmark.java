package dev.herald.bench.jmh;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.sse.SseEvent;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Publish to the in-memory broker and fan out through the hub to N subscribers, in process, no sockets: the
 * hub's own cost per event (encode once, hand to the shard, write the frame to each subscriber, flush each).
 * Everything runs on the benchmark thread (the sinks' executor runs tasks inline), so the score is events per
 * second on one core; deliveries per second are the score times the subscribers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HubFanOutBenchmark {

    @Param({"1", "100", "1000", "10000"})
    public int subscribers;

    private MemoryBroker broker;
    private Hub hub;
    private final SseEvent event = SseEvent.of("notify", "{\"message\":\"Hello World\"}");

    @Setup(Level.Trial)
    public void subscribe() {
        broker = new MemoryBroker(HistoryPolicy.defaults());
        hub = new Hub(broker, new HubOptions(Duration.ofHours(1), Duration.ofSeconds(3)));
        for (int i = 0; i < subscribers; i++) {
            hub.subscribe(Set.of("bench"), null, CountingSink.inline());
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        hub.close();
        broker.close();
    }

    @Benchmark
    public StoredEvent publishAndFanOut() {
        return broker.publish(new AdmittedEvent("bench", event)).toCompletableFuture().join();
    }
}
