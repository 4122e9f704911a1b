package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.publish.Publication;
import dev.herald.testing.Polls;
import dev.herald.testing.RawSocket;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * GET /poll on the Vert.x routes: a client leaving mid-wait, and tokens. What every adapter answers the same way (short
 * and long polls over the stream's history and ids, bad input; long polls over the caps) is the testkit's
 * {@code PollRoutesContract} and {@code LimitsContract}, run here and on the Spring starter; a long poll waiting when
 * the server stops is herald-server's {@code PollIT}.
 */
class PollIT {

    private static final Duration SOON = Duration.ofSeconds(10);

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aClientThatLeavesMidWaitGivesBackItsPlaceInTheHubAndItsLimit() throws Exception {
        try (MountedHerald small = MountedHerald.start(Herald.builder().limits(
                LimitsOptions.builder().maxStreams(10).maxStreamsPerClient(1).build()))) {
            String since = Polls.poll(small.events("/poll?channel=left")).next();
            RawSocket leaving = RawSocket.connect(small.events(), "127.0.0.1").get("/events/poll?channel=left&wait=30&since=" + q(since));
            try (leaving) {
                await().atMost(SOON).until(() -> small.stats().streamsOpen() == 1);
                HttpResponse<String> refused = TestHttp.get(small.events("/poll?channel=left&wait=1&since=" + q(since)));
                assertThat(refused.statusCode()).as("one long poll per address here").isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
            }
            await().atMost(SOON).until(() -> small.stats().streamsOpen() == 0);
            await().atMost(SOON).until(() -> TestHttp.get(small.events("/poll?channel=left")).statusCode() == 200);
        }
    }

    @Test
    void aPrivateChannelIsPolledOnlyWithATokenGrantingIt() throws Exception {
        AccessOptions access = AccessOptions.tokens(TestTokens.OPTIONS).withPrivateChannels(ChannelPatterns.parse("user-*"));
        try (MountedHerald secured = MountedHerald.start(Herald.builder().access(access))) {
            HttpResponse<String> anonymous = TestHttp.get(secured.events("/poll?channel=user-42&wait=1"));
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"herald\"");
            HttpResponse<String> otherUser = TestHttp.get(secured.events("/poll?channel=user-42&wait=1"),
                    "Authorization", "Bearer " + TestTokens.token(List.of(), List.of("user-7")));
            assertThat(otherUser.statusCode()).isEqualTo(403);
            assertThat(otherUser.body()).isEqualTo("{\"status\":\"error\",\"message\":\"this token may not subscribe to user-42\"}");

            String bearer = "Bearer " + TestTokens.token(List.of(), List.of("user-42"));
            String since = Polls.poll(secured.events("/poll?channel=user-42"), "Authorization", bearer).next();
            CompletableFuture<HttpResponse<String>> waiting = Polls.send(
                    secured.events("/poll?channel=user-42&wait=15&since=" + q(since)), "Authorization", bearer);
            await().atMost(SOON).until(() -> secured.stats().streamsOpen() == 1);
            secured.herald.publish(Publication.of("t", "for you only").onChannel("user-42"));

            assertThat(Polls.answerOf(Polls.await(waiting)).data()).containsExactly("for you only");
        }
    }

    @Test
    void aLongPollOfPrivateChannelsWaitsNoLongerThanItsToken() throws Exception {
        AccessOptions access = AccessOptions.tokens(TestTokens.OPTIONS).withPrivateChannels(ChannelPatterns.parse("user-*"));
        try (MountedHerald secured = MountedHerald.start(Herald.builder().access(access))) {
            String bearer = "Bearer " + TestTokens.token(List.of(), List.of("user-1"), Duration.ofSeconds(2));
            long started = System.nanoTime();

            Polls.Answer answer = Polls.poll(secured.events("/poll?channel=user-1&wait=60"), "Authorization", bearer);

            assertThat(answer.events()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        }
    }
}
