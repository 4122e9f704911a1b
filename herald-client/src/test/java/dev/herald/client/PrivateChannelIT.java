package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.TokenMinter;
import dev.herald.auth.TokenOptions;
import dev.herald.client.Recorder.Signal;
import dev.herald.server.HeraldConfig;
import dev.herald.server.HeraldServer;
import dev.herald.sse.ParsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A private channel read with a token sent as {@code Authorization: Bearer}, and refused without one. */
class PrivateChannelIT {

    private static final TokenOptions TOKENS = TokenOptions.secret("client-test-secret-of-at-least-32-bytes!");
    private static HeraldServer herald;

    @BeforeAll
    static void start() {
        herald = Heralds.start(HeraldConfig.defaults().withPort(0)
                .withAccess(AccessOptions.tokens(TOKENS).withPrivateChannels(ChannelPatterns.parse("private-*"))));
    }

    @AfterAll
    static void stop() {
        Heralds.stop(herald);
    }

    private static String token(List<String> publish, List<String> subscribe) {
        return new TokenMinter(TOKENS).mint(publish, subscribe, Duration.ofHours(1), Instant.now());
    }

    @Test
    void aTokenGrantingThePrivateChannelOpensItsStream() {
        Recorder recorder = new Recorder();
        try (EventSource source = EventSource.builder(Heralds.uri(herald, "/stream?channel=private-a"))
                .header("Authorization", "Bearer " + token(List.of(), List.of("private-*")))
                .listener(recorder)
                .build()
                .start()) {
            recorder.expect(Signal.OPEN);

            String id = Heralds.publish(herald, "private-a", "secret", token(List.of("private-a"), List.of()));

            assertThat(recorder.next()).isEqualTo(new ParsedEvent("message", "secret", id));
            assertThat(source.lastEventId()).isEqualTo(id);
        }
        recorder.expect(Signal.CLOSED);
        recorder.assertNothingMore();
    }

    @Test
    void withoutATokenTheStreamIsRefusedWith401AndNotRetried() {
        Recorder recorder = new Recorder();
        try (EventSource source = EventSource.builder(Heralds.uri(herald, "/stream?channel=private-a"))
                .listener(recorder)
                .build()
                .start()) {
            HttpStatusException error = recorder.next(HttpStatusException.class);
            assertThat(error.status()).isEqualTo(401);
            assertThat(error.body()).isEqualTo("{\"status\":\"error\",\"message\":\"private channel private-a needs a "
                    + "token: send the herald_token cookie or Authorization: Bearer <token>\"}");
            recorder.expect(Signal.CLOSED);
            recorder.assertNothingMore();
            assertThat(source.lastEventId()).isEmpty();
        }
    }
}
