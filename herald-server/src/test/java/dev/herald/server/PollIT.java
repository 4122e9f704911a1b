package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.Polls;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * GET /poll on the whole server: a long poll waiting when the server stops. What the Vert.x routes the server mounts
 * answer (a client leaving mid-wait, tokens) is herald-vertx's {@code PollIT}; what every adapter answers the same way
 * is the testkit's {@code PollRoutesContract} and {@code LimitsContract}.
 */
class PollIT {

    private static final Duration SOON = Duration.ofSeconds(10);

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aWaitingLongPollIsAnsweredWhenTheServerShutsDown() {
        RunningServer stopping = RunningServer.start(HeraldConfig.defaults());
        String since = Polls.poll(stopping.uri("/poll?channel=bye")).next();
        CompletableFuture<HttpResponse<String>> waiting = Polls.send(stopping.uri("/poll?channel=bye&wait=60&since=" + q(since)));
        await().atMost(SOON).until(() -> stopping.stats().streamsOpen() == 1);

        long started = System.nanoTime();
        stopping.close();

        Polls.Answer answer = Polls.answerOf(Polls.await(waiting));
        assertThat(answer.events()).isEmpty();
        assertThat(answer.next()).isEqualTo(since);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }
}
