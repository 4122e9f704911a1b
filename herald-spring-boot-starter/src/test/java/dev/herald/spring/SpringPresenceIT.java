package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.auth.TokenMinter;
import dev.herald.auth.TokenOptions;
import dev.herald.testing.PresenceContract;
import dev.herald.testing.SseTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared presence contract on the Spring adapter: a real Spring Boot application (Tomcat) on a random port, with
 * the contract's secret, private and presence channels as {@code herald.*} properties.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "herald.prefix=/events",
        // A servlet container sees a client gone only when a write to it fails: a heartbeat a second finds it soon.
        "herald.heartbeat=1s",
        "herald.jwt-secret=" + PresenceContract.SECRET,
        "herald.private-channels=" + PresenceContract.PRIVATE_CHANNELS,
        "herald.presence-channels=" + PresenceContract.PRESENCE_CHANNELS})
class SpringPresenceIT extends PresenceContract {

    private static final TokenOptions TOKENS = TokenOptions.secret(SECRET);

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry registry;

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + port + "/events");
    }

    @Override
    protected String token(String subject, List<String> publish, List<String> subscribe) {
        return new TokenMinter(TOKENS).mint(subject, publish, subscribe, false, Duration.ofHours(1), Instant.now());
    }

    @Test
    void theGaugesCountChannelsAndSubjectsPresent() {
        String channel = "gauge-" + System.nanoTime();
        try (SseTestClient dana = SseTestClient.connect(URI.create(base() + "/stream?channel=" + channel),
                java.util.Map.of("Authorization", "Bearer " + token("dana", List.of(), List.of())))) {
            assertThat(dana.status()).isEqualTo(200);
            await().atMost(SseTestClient.WAIT).until(() -> registry.get("herald.presence.subjects").gauge().value() >= 1
                    && registry.get("herald.presence.channels").gauge().value() >= 1);
        }
    }
}
