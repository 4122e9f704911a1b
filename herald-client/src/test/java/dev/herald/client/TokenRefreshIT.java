package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.TokenMinter;
import dev.herald.auth.TokenOptions;
import dev.herald.client.Recorder.Signal;
import dev.herald.hub.HubOptions;
import dev.herald.server.HeraldConfig;
import dev.herald.server.HeraldServer;
import dev.herald.sse.ParsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A private stream whose token expires while it is open, against a real Herald: Herald ends it with
 * {@code token-expired}, the client asks its header supplier again, reconnects with the fresh token and resumes by
 * {@code Last-Event-ID}, so the event published while it was away arrives, and nothing is reported as an error.
 */
class TokenRefreshIT {

    private static final TokenOptions TOKENS = TokenOptions.secret("client-test-secret-of-at-least-32-bytes!");
    /** Herald's retry: the client waits this long before it reconnects, long enough to publish meanwhile. */
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static HeraldServer herald;

    @BeforeAll
    static void start() {
        herald = Heralds.start(HeraldConfig.defaults().withPort(0)
                .withHub(new HubOptions(HubOptions.HEARTBEAT.defaultValue(), RETRY))
                .withAccess(AccessOptions.tokens(TOKENS).withPrivateChannels(ChannelPatterns.parse("private-*"))));
    }

    @AfterAll
    static void stop() {
        Heralds.stop(herald);
    }

    private static String subscriberToken(Duration lifetime) {
        return new TokenMinter(TOKENS).mint(List.of(), List.of("private-*"), lifetime, Instant.now());
    }

    private static String publish(String data) {
        String publisher = new TokenMinter(TOKENS).mint(List.of("private-*"), List.of(), Duration.ofHours(1),
                Instant.now());
        return Heralds.publish(herald, "private-r", data, publisher);
    }

    @Test
    void aTokenThatExpiresMidStreamIsReplacedByTheSuppliersAndNothingIsLost() {
        AtomicInteger asked = new AtomicInteger();
        Recorder recorder = new Recorder();
        // the first token lives 2 s (exp is in whole seconds: it ends the stream 1 to 2 s from now), the next an hour
        try (EventSource source = EventSource.builder(Heralds.uri(herald, "/stream?channel=private-r"))
                .headers(() -> Map.of("Authorization", "Bearer " + subscriberToken(
                        asked.incrementAndGet() == 1 ? Duration.ofSeconds(2) : Duration.ofHours(1))))
                .retryPolicy(RetryPolicy.exponential().withJitter(0))
                .listener(recorder)
                .build()
                .start()) {
            recorder.expect(Signal.OPEN);
            String before = publish("before");
            assertThat(recorder.next()).isEqualTo(new ParsedEvent("message", "before", before));

            assertThat(recorder.next(TokenExpired.class).channels()).containsExactly("private-r");
            // published while the client waits its retry: it comes back by resuming after "before"
            String whileAway = publish("while away");

            recorder.expect(Signal.OPEN);
            assertThat(recorder.next()).isEqualTo(new ParsedEvent("message", "while away", whileAway));
            assertThat(source.lastEventId()).isEqualTo(whileAway);
            assertThat(asked.get()).isEqualTo(2);
            String after = publish("after");
            assertThat(recorder.next()).isEqualTo(new ParsedEvent("message", "after", after));
            recorder.assertNothingMore();
        }
        recorder.expect(Signal.CLOSED);
    }
}
