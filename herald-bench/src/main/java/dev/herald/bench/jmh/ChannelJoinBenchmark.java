package dev.herald.bench.jmh;

import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.hub.HubSubscription;
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
 * One client joining and leaving a channel that already has N subscribers on the same loop: the cost of a connect
 * storm per client. The hub's join and leave should cost the same at 1,000 and at 100,000 subscribers (a copy of the
 * channel's whole subscriber array per join and leave would make a storm of N clients cost N²). Runs in process on the
 * benchmark thread (the sinks' executor runs tasks inline); the score is microseconds per join + leave.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChannelJoinBenchmark {

    @Param({"1000", "100000"})
    public int subscribers;

    private MemoryBroker broker;
    private Hub hub;
    private final Set<String> channel = Set.of("storm");

    @Setup(Level.Trial)
    public void fill() {
        broker = new MemoryBroker(HistoryPolicy.defaults());
        hub = new Hub(broker, new HubOptions(Duration.ofHours(1), Duration.ofSeconds(3)));
        for (int i = 0; i < subscribers; i++) {
            hub.subscribe(channel, null, CountingSink.inline());
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        hub.close();
        broker.close();
    }

    @Benchmark
    public void joinAndLeave() {
        HubSubscription subscription = hub.subscribe(channel, null, CountingSink.inline());
        subscription.cancel();
    }
}
