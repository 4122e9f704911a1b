package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import org.junit.jupiter.api.Test;

class RedisClientsTest {

    @Test
    void redisAndRedissUrlsWithAHostAreAccepted() {
        for (String url : new String[] {"redis://localhost:6379/0", "redis://127.0.0.1:1", "rediss://cache.internal:6380/2",
                "redis://user:secret@localhost:6379/0"}) {
            assertThat(RedisClients.checkUrl(url)).isEqualTo(url);
        }
    }

    @Test
    void otherFormsAreRefusedNamingTheOption() {
        for (String url : new String[] {"localhost:6379", "http://localhost:6379", "redis:///0", "redis://", "not a url", ""}) {
            assertThatThrownBy(() -> RedisClients.checkUrl(url))
                    .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                        assertThat(e.option()).isEqualTo("redis");
                        assertThat(e.problem()).startsWith("must be a URL like redis://localhost:6379/0");
                    });
        }
        assertThatThrownBy(() -> RedisClients.checkUrl(null)).hasMessage("redis must be a URL like redis://localhost:6379/0, got nothing");
    }

    @Test
    void theDisplayedUrlHidesThePassword() {
        assertThat(RedisClients.forDisplay("redis://user:secret@localhost:6379/0")).isEqualTo("redis://localhost:6379/0");
        assertThat(RedisClients.forDisplay("redis://localhost:6379/0")).isEqualTo("redis://localhost:6379/0");
    }
}
