package dev.herald.bench.jmh;

import dev.herald.access.ChannelPatterns;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.presence.Presence;
import dev.herald.presence.PresenceOptions;
import dev.herald.publish.Publisher;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * What presence adds to a stream's open and close: one client with a token subject joining and leaving a channel that
 * already has {@code subscribers} streams of as many subjects, on the hub alone ({@code off}), with presence counting
 * it ({@code counted}: the channel is not a presence channel) and with presence announcing ({@code announced}: a
 * presence channel, so each close also starts the leave's grace, cancelled by the next open). The score is
 * microseconds per open + close, on the benchmark thread (the sinks run inline).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PresenceBenchmark {

    @Param({"1000", "100000"})
    public int subscribers;

    @Param({"off", "counted", "announced"})
    public String presence;

    private MemoryBroker broker;
    private Hub hub;
    private Presence counts;
    private ScheduledExecutorService timers;
    private final Set<String> channel = Set.of("room-1");

    @Setup(Level.Trial)
    public void fill() {
        broker = new MemoryBroker(HistoryPolicy.defaults());
        hub = new Hub(broker, new HubOptions(Duration.ofHours(1), Duration.ofSeconds(3)));
        timers = Executors.newSingleThreadScheduledExecutor();
        ChannelPatterns announcing = presence.equals("announced") ? ChannelPatterns.parse("room-*") : ChannelPatterns.NONE;
        counts = presence.equals("off") ? null : new Presence(PresenceOptions.defaults().withChannels(announcing), hub,
                broker, new Publisher(broker), false, timers, HeraldMetrics.NONE);
        for (int i = 0; i < subscribers; i++) {
            hub.subscribe(channel, null, CountingSink.inline());
            if (counts != null) {
                counts.opened(channel, "user-" + i);
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (counts != null) {
            counts.close();
        }
        timers.shutdownNow();
        hub.close();
        broker.close();
    }

    @Benchmark
    public void openAndClose() {
        var subscription = hub.subscribe(channel, null, CountingSink.inline());
        if (counts != null) {
            counts.opened(channel, "newcomer");
        }
        subscription.cancel();
        if (counts != null) {
            counts.closed(channel, "newcomer");
        }
    }
}
