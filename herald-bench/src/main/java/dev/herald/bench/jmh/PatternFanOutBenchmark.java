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
 * What pattern subscriptions cost on the fan-out, as {@link HubFanOutBenchmark} measures it (in process, one thread):
 * {@code subscribers} streams receive every event on {@code bench.orders.eu}, subscribed by that name ({@code exact})
 * or by the pattern {@code bench.orders.*} ({@code pattern}); beside them {@code otherPatterns} streams each hold a
 * distinct pattern that never matches ({@code other-<n>.*}), which every event is compared with. Deliveries per second
 * are the score times {@code subscribers}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PatternFanOutBenchmark {

    @Param({"1000"})
    public int subscribers;

    @Param({"exact", "pattern"})
    public String subscription;

    @Param({"0", "100", "1000"})
    public int otherPatterns;

    private MemoryBroker broker;
    private Hub hub;
    private final SseEvent event = SseEvent.of("notify", "{\"message\":\"Hello World\"}");

    @Setup(Level.Trial)
    public void subscribe() {
        broker = new MemoryBroker(HistoryPolicy.defaults());
        hub = new Hub(broker, new HubOptions(Duration.ofHours(1), Duration.ofSeconds(3)));
        String name = subscription.equals("pattern") ? "bench.orders.*" : "bench.orders.eu";
        for (int i = 0; i < subscribers; i++) {
            hub.subscribe(Set.of(name), null, CountingSink.inline());
        }
        for (int i = 0; i < otherPatterns; i++) {
            hub.subscribe(Set.of("other-" + i + ".*"), null, CountingSink.inline());
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        hub.close();
        broker.close();
    }

    @Benchmark
    public StoredEvent publishAndFanOut() {
        return broker.publish(new AdmittedEvent("bench.orders.eu", event)).toCompletableFuture().join();
    }
}
