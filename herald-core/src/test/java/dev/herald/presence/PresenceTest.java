package dev.herald.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.access.ChannelPatterns;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.publish.Publisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Presence of two nodes over one broker (a memory broker both share, standing for Redis): counts told and merged,
 * a silent node forgotten after the ttl, the gauges, and the messages' form.
 */
class PresenceTest {

    private static final Duration TTL = Duration.ofMillis(900);

    private final MemoryBroker broker = new MemoryBroker(HistoryPolicy.defaults());
    private final Hub hub = new Hub(broker, new HubOptions(Duration.ofHours(1), Duration.ofSeconds(3)));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger subjectsGauge = new AtomicInteger(-1);
    private final HeraldMetrics metrics = new HeraldMetrics() {
        @Override
        public void presence(int channels, int subjects) {
            subjectsGauge.set(subjects);
        }
    };

    private Presence node() {
        return new Presence(new PresenceOptions(ChannelPatterns.parse("room-*"), TTL), hub, broker, new Publisher(broker),
                true, timers, metrics);
    }

    @AfterEach
    void close() {
        timers.shutdownNow();
        hub.close();
        broker.close();
    }

    @Test
    void eachNodeCountsTheOthersStreamsAndSubjects() {
        Presence a = node();
        Presence b = node();
        a.opened(Set.of("room-1", "lobby"), "alice");
        a.opened(Set.of("room-1"), null);
        b.opened(Set.of("room-1"), "bob");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.of("room-1").streams() == 3);
        assertThat(b.of("room-1")).isEqualTo(new PresenceCount("room-1", 3, List.of("alice", "bob")));
        assertThat(a.of("room-1")).isEqualTo(new PresenceCount("room-1", 3, List.of("alice", "bob")));
        assertThat(b.of("lobby")).isEqualTo(new PresenceCount("lobby", 1, List.of("alice")));
        await().atMost(Duration.ofSeconds(5)).until(() -> subjectsGauge.get() == 2);

        a.closed(Set.of("room-1", "lobby"), "alice");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.of("room-1").streams() == 2);
        assertThat(b.of("room-1").subjects()).containsExactly("bob");
        assertThat(b.of("lobby").streams()).isZero();
    }

    @Test
    void aNodeThatFallsSilentIsForgottenAfterTheTtlNotBefore() {
        Presence a = node();
        Presence b = node();
        a.opened(Set.of("room-1"), "alice");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.of("room-1").streams() == 1);
        long silent = System.nanoTime();
        a.close(); // stops telling, as a dead node would: its streams never close
        await().atMost(TTL.multipliedBy(3)).until(() -> b.of("room-1").streams() == 0);
        assertThat(Duration.ofNanos(System.nanoTime() - silent)).isGreaterThanOrEqualTo(TTL.minus(TTL.dividedBy(3)));
    }

    @Test
    void aReservedChannelIsNeverCounted() {
        Presence a = node();
        a.opened(Set.of("$herald.status"), "admin");
        assertThat(a.of("$herald.status").streams()).isZero();
    }

    @Test
    void aPatternSubscriptionIsCountedOnNoChannel() {
        Presence a = node();
        a.opened(Set.of("room-*", "room-1"), "alice");
        assertThat(a.of("room-*").streams()).isZero();
        assertThat(a.of("room-1")).isEqualTo(new PresenceCount("room-1", 1, List.of("alice")));
        a.closed(Set.of("room-*", "room-1"), "alice");
        assertThat(a.of("room-1").streams()).isZero();
    }

    @Test
    void aMessageReadsBackAsItWasWritten() {
        PresenceMessage message = new PresenceMessage("node-1", true,
                Map.of("room-1", new ChannelCount(3, Map.of("alice", 2)), "lobby", ChannelCount.NONE));
        assertThat(PresenceMessage.parse(message.json())).isEqualTo(message);
    }

    @Test
    void aCountIsWrittenAsJsonWithItsSubjectsEscaped() {
        assertThat(new String(new PresenceCount("room \"1\"", 2, List.of("a\\b")).json(),
                java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"channel\":\"room \\\"1\\\"\",\"streams\":2,\"subjects\":[\"a\\\\b\"]}");
    }
}
