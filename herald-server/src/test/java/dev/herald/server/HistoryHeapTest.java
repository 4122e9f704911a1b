package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.HistoryPolicy;
import dev.herald.options.InvalidOptionException;
import dev.herald.redis.BrokerOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistoryHeapTest {

    private static final long MIB = 1024 * 1024;

    private static HistoryPolicy budget(int mebibytes) {
        return new HistoryPolicy(1000, Duration.ofHours(1), mebibytes * (int) MIB);
    }

    @Test
    void aBudgetOfHalfTheHeapFits() {
        assertThatCode(() -> HistoryHeap.check(new BrokerOptions.Memory(budget(64)), 128 * MIB)).doesNotThrowAnyException();
    }

    @Test
    void aBudgetOverHalfTheHeapIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> HistoryHeap.check(new BrokerOptions.Memory(budget(65)), 128 * MIB))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.option()).isEqualTo("history-memory");
                    assertThat(e.problem()).isEqualTo("must be at most half of the heap (64MiB of a 128 MiB heap), got "
                            + "65MiB; give the JVM a larger -Xmx (bin/herald sizes the heap for history-memory) "
                            + "or keep less history");
                });
    }

    @Test
    void thePubSubRelaysHistoryIsOnTheHeapToo() {
        assertThatThrownBy(() -> HistoryHeap.check(new BrokerOptions.RedisPubSub("redis://localhost:6379/0", budget(65)),
                128 * MIB)).isInstanceOf(InvalidOptionException.class);
    }

    @Test
    void redisStreamsKeepsItsHistoryInRedis() {
        assertThatCode(() -> HistoryHeap.check(new BrokerOptions.RedisStreams("redis://localhost:6379/0", 1000), MIB))
                .doesNotThrowAnyException();
    }
}
