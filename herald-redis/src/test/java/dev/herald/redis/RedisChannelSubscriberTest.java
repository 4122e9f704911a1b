package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisChannelSubscriberTest {

    @Test
    void aPatternReachesRedisWithOnlyItsStarsSpecial() {
        assertThat(RedisChannelSubscriber.escaped("orders.*")).isEqualTo("orders.*");
        assertThat(RedisChannelSubscriber.escaped("a?[b]\\*")).isEqualTo("a\\?\\[b\\]\\\\*");
    }
}
