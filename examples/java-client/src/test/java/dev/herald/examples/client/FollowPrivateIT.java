package dev.herald.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.TokenMinter;
import dev.herald.auth.TokenOptions;
import dev.herald.client.EventSource;
import dev.herald.server.HeraldConfig;
import dev.herald.server.HeraldServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The private-channel example of docs/java-client.md against a real Herald: its first token expires mid-stream, the
 * second comes from the same supplier, and the alert published after the expiry still arrives.
 */
class FollowPrivateIT {

    private static final TokenOptions TOKENS = TokenOptions.secret("example-secret-of-at-least-32-bytes!!");

    @Test
    void aFreshTokenFromTheSupplierKeepsTheAlertsComing() throws Exception {
        HeraldServer herald = HeraldServer.start(HeraldConfig.defaults().withPort(0)
                        .withAccess(AccessOptions.tokens(TOKENS).withPrivateChannels(ChannelPatterns.parse("alerts"))))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        URI base = URI.create("http://127.0.0.1:" + herald.port() + "/");
        TokenMinter minter = new TokenMinter(TOKENS);
        AtomicInteger issued = new AtomicInteger();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        // the first token expires within 5 s (long enough to be admitted on a loaded machine: a token already
        // expired at the door is a 401, which ends an EventSource for good), the next lives an hour
        Supplier<String> tokens = () -> minter.mint(List.of(), List.of("alerts"),
                issued.incrementAndGet() == 1 ? Duration.ofSeconds(5) : Duration.ofHours(1), Instant.now());
        try (EventSource source = FollowPrivate.follow(base, tokens, lines::add)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> herald.herald().stats().streamsOpen() == 1);

            assertThat(lines.poll(20, TimeUnit.SECONDS)).isEqualTo("token expired for [alerts]");
            publish(base, minter.mint(List.of("alerts"), List.of(), Duration.ofHours(1), Instant.now()));

            assertThat(lines.poll(20, TimeUnit.SECONDS)).isEqualTo("disk full");
            assertThat(issued.get()).isEqualTo(2);
            assertThat(source.lastEventId()).isNotEmpty();
        } finally {
            herald.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static void publish(URI base, String token) throws Exception {
        HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/publish"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"alerts\",\"data\":\"disk full\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    }
}
