package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.broker.HistoryPolicy;
import dev.herald.limits.LimitsOptions;
import dev.herald.publish.Publication;
import dev.herald.redis.BrokerOptions;
import dev.herald.request.SseRoutesOptions;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /poll over HTTP: short and long polls over the stream's history, ids, access rules and limits. */
class PollIT {

    private static final int HISTORY = 5;
    private static final Duration SOON = Duration.ofSeconds(10);
    private static RunningServer herald;

    @BeforeAll
    static void start() {
        herald = RunningServer.start(HeraldConfig.defaults()
                .withBroker(new BrokerOptions.Memory(new HistoryPolicy(HISTORY, Duration.ofHours(1)))));
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    private static String publish(RunningServer on, String channel, String data) {
        HttpResponse<String> response = TestHttp.post(on.uri("/publish"),
                "{\"channel\":\"" + channel + "\",\"type\":\"t\",\"data\":\"" + data + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    private static String publish(String channel, String data) {
        return publish(herald, channel, data);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void aFirstPollAnswersNoEventsAndTheHeadThenTheNextPollGetsEverythingAfterIt() {
        publish("first", "before the first visit");
        Polls.Answer first = Polls.poll(herald.uri("/poll?channel=first"));
        assertThat(first.events()).isEmpty();
        assertThat(first.historyGone()).isFalse();
        assertThat(first.next()).isNotBlank();

        String one = publish("first", "one");
        publish("elsewhere", "not mine");
        String two = publish("first", "two");
        Polls.Answer second = Polls.poll(herald.uri("/poll?channel=first&since=" + q(first.next())));

        assertThat(second.events()).containsExactly(new Polls.Event(one, "t", "one"), new Polls.Event(two, "t", "two"));
        assertThat(second.next()).isEqualTo(two);
        assertThat(second.historyGone()).isFalse();
        Polls.Answer third = Polls.poll(herald.uri("/poll?channel=first&since=" + q(second.next())));
        assertThat(third.events()).isEmpty();
        assertThat(third.next()).as("nothing new: the cursor stays").isEqualTo(two);
    }

    @Test
    void aLongPollIsHeldUntilAnEventArrivesThenAnswersIt() {
        String since = Polls.poll(herald.uri("/poll?channel=held")).next();
        await().atMost(SOON).until(() -> herald.stats().streamsOpen() == 0); // the other tests' streams and polls are gone
        CompletableFuture<HttpResponse<String>> waiting = Polls.send(herald.uri("/poll?channel=held&wait=15&since=" + q(since)));
        await().atMost(SOON).until(() -> herald.stats().streamsOpen() == 1);
        assertThat(waiting).as("held while there is nothing to say").isNotDone();

        String id = publish("held", "at last");

        Polls.Answer answer = Polls.answerOf(Polls.await(waiting));
        assertThat(answer.events()).containsExactly(new Polls.Event(id, "t", "at last"));
        assertThat(answer.next()).isEqualTo(id);
        await().atMost(SOON).until(() -> herald.stats().streamsOpen() == 0);
    }

    @Test
    void aLongPollWithEventsWaitingAnswersAtOnce() {
        String since = Polls.poll(herald.uri("/poll?channel=ready")).next();
        String id = publish("ready", "waiting");

        long started = System.nanoTime();
        Polls.Answer answer = Polls.poll(herald.uri("/poll?channel=ready&wait=30&since=" + q(since)));

        assertThat(answer.events()).extracting(Polls.Event::id).containsExactly(id);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aLongPollWithoutEventsAnswersEmptyWhenItsWaitEnds() {
        String since = Polls.poll(herald.uri("/poll?channel=quiet")).next();

        long started = System.nanoTime();
        Polls.Answer answer = Polls.poll(herald.uri("/poll?channel=quiet&wait=1&since=" + q(since)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(answer.events()).isEmpty();
        assertThat(answer.next()).isEqualTo(since);
        assertThat(answer.historyGone()).isFalse();
    }

    @Test
    void aFirstVisitIsAnsweredAtOnceEvenWithAWaitAndItsCursorMissesNothingAfterIt() {
        publish("fresh", "old");
        long started = System.nanoTime();
        Polls.Answer first = Polls.poll(herald.uri("/poll?channel=fresh&wait"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(first.events()).isEmpty();

        CompletableFuture<HttpResponse<String>> waiting = Polls.send(herald.uri("/poll?channel=fresh&wait&since=" + q(first.next())));
        publish("fresh", "new");

        assertThat(Polls.answerOf(Polls.await(waiting)).data()).containsExactly("new");
    }

    @Test
    void historyThatIsGoneIsReportedWithWhatHistoryStillHolds() {
        String old = publish("busy", "0");
        for (int i = 1; i <= HISTORY + 3; i++) {
            publish("busy", Integer.toString(i));
        }

        Polls.Answer answer = Polls.poll(herald.uri("/poll?channel=busy&wait=5&since=" + q(old)));

        assertThat(answer.historyGone()).isTrue();
        assertThat(answer.data()).containsExactly("4", "5", "6", "7", "8");
        assertThat(answer.next()).isEqualTo(answer.events().get(HISTORY - 1).id());
    }

    @Test
    void anUnknownIdIsReportedAsGoneAndTheHeadBecomesTheCursor() {
        publish("unknown", "kept");

        Polls.Answer answer = Polls.poll(herald.uri("/poll?channel=unknown&since=1-999999"));

        assertThat(answer.historyGone()).isTrue();
        assertThat(answer.data()).containsExactly("kept");
    }

    @Test
    void aPollAndAStreamShareTheirCursorsWithoutLossOrDuplicate() {
        String streamCursor;
        try (SseTestClient stream = SseTestClient.connect(herald.uri("/stream?channel=switch"))) {
            publish("switch", "s1");
            assertThat(stream.next().data()).isEqualTo("s1");
            streamCursor = stream.lastEventId();
        }
        publish("switch", "p1");
        publish("switch", "p2");
        Polls.Answer polled = Polls.poll(herald.uri("/poll?channel=switch&since=" + q(streamCursor)));
        assertThat(polled.data()).containsExactly("p1", "p2");

        publish("switch", "s2");
        try (SseTestClient back = SseTestClient.connect(herald.uri("/stream?channel=switch"),
                Map.of("Last-Event-ID", polled.next()))) {
            assertThat(back.next().data()).isEqualTo("s2");
            back.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void anAnswerStopsAtTheBufferLimitAndTheNextPollGoesOnFromItsCursor() {
        try (RunningServer small = RunningServer.start(HeraldConfig.defaults()
                .withRoutes(new SseRoutesOptions(1024, 64 * 1024, 64)))) {
            String since = Polls.poll(small.uri("/poll?channel=big")).next();
            List<String> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String data = i + "-" + "x".repeat(200);
                publish(small, "big", data);
                sent.add(data);
            }

            List<String> received = new java.util.ArrayList<>();
            int answers = 0;
            while (received.size() < sent.size() && answers++ < sent.size()) {
                Polls.Answer answer = Polls.poll(small.uri("/poll?channel=big&since=" + q(since)));
                assertThat(answer.events()).as("some, but not all 4 KiB of them in one answer of at most 1 KiB and a frame")
                        .isNotEmpty().hasSizeLessThan(sent.size());
                received.addAll(answer.data());
                since = answer.next();
            }
            assertThat(received).as("every event once, in order, over several answers").containsExactlyElementsOf(sent);
        }
    }

    @Test
    void badInputIsAJson400() {
        Map<String, String> refusals = Map.of(
                "/poll?wait=abc", "wait must be a whole number of seconds from 0 (at most 60 are waited), or no value for 25, got \\\"abc\\\"",
                "/poll?rewind=-1", "rewind must be a whole number of events from 0 (at most 100 are sent), got \\\"-1\\\"",
                "/poll?rewind=abc", "rewind must be a whole number of events from 0 (at most 100 are sent), got \\\"abc\\\"",
                "/poll?channel=", "channel name must not be empty",
                "/poll?since=a%0Ab", "since is not an event id: an id never holds a line break or NUL");
        refusals.forEach((path, message) -> {
            HttpResponse<String> response = TestHttp.get(herald.uri(path));
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(response.body()).as(path).startsWith("{\"status\":\"error\",\"message\":\"" + message);
        });
        String tooMany = "/poll?" + "channel=c&".repeat(65);
        HttpResponse<String> response = TestHttp.get(herald.uri(tooMany));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"a stream may name at most 64 channels, got 65\"}");
        HttpResponse<String> posted = TestHttp.request("POST", herald.uri("/poll"));
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void aClientThatLeavesMidWaitGivesBackItsPlaceInTheHubAndItsLimit() throws Exception {
        try (RunningServer small = RunningServer.start(HeraldConfig.defaults().withLimits(
                LimitsOptions.builder().maxStreams(10).maxStreamsPerClient(1).build()))) {
            String since = Polls.poll(small.uri("/poll?channel=left")).next();
            RawSocket leaving = RawSocket.connect(small.uri("/"), "127.0.0.1").get("/poll?channel=left&wait=30&since=" + q(since));
            try (leaving) {
                await().atMost(SOON).until(() -> small.stats().streamsOpen() == 1);
                HttpResponse<String> refused = TestHttp.get(small.uri("/poll?channel=left&wait=1&since=" + q(since)));
                assertThat(refused.statusCode()).as("one long poll per address here").isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
            }
            await().atMost(SOON).until(() -> small.stats().streamsOpen() == 0);
            await().atMost(SOON).until(() -> TestHttp.get(small.uri("/poll?channel=left")).statusCode() == 200);
        }
    }

    @Test
    void aLongPollOverTheNodeCapIs503WithRetryAfter() throws Exception {
        try (RunningServer small = RunningServer.start(HeraldConfig.defaults().withLimits(
                LimitsOptions.builder().maxStreams(1).maxStreamsPerClient(10).build()));
             SseTestClient stream = SseTestClient.connect(small.uri("/stream"))) {
            assertThat(stream.nextRetry()).isEqualTo(3000);

            HttpResponse<String> shed = TestHttp.get(small.uri("/poll?wait=20&since=x"));

            assertThat(shed.statusCode()).isEqualTo(503);
            assertThat(shed.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                    assertThat(Integer.parseInt(seconds)).isBetween(5, 15));
            assertThat(shed.body()).startsWith("{\"status\":\"error\",\"message\":\"This node holds all the streams and long polls it may; retry after ");
        }
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

    @Test
    void aPrivateChannelIsPolledOnlyWithATokenGrantingIt() {
        AccessOptions access = AccessOptions.tokens(TestTokens.OPTIONS).withPrivateChannels(ChannelPatterns.parse("user-*"));
        try (RunningServer secured = RunningServer.start(HeraldConfig.defaults().withAccess(access))) {
            HttpResponse<String> anonymous = TestHttp.get(secured.uri("/poll?channel=user-42&wait=1"));
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"herald\"");
            HttpResponse<String> otherUser = TestHttp.get(secured.uri("/poll?channel=user-42&wait=1"),
                    "Authorization", "Bearer " + TestTokens.token(List.of(), List.of("user-7")));
            assertThat(otherUser.statusCode()).isEqualTo(403);
            assertThat(otherUser.body()).isEqualTo("{\"status\":\"error\",\"message\":\"this token may not subscribe to user-42\"}");

            String bearer = "Bearer " + TestTokens.token(List.of(), List.of("user-42"));
            String since = Polls.poll(secured.uri("/poll?channel=user-42"), "Authorization", bearer).next();
            CompletableFuture<HttpResponse<String>> waiting = Polls.send(
                    secured.uri("/poll?channel=user-42&wait=15&since=" + q(since)), "Authorization", bearer);
            await().atMost(SOON).until(() -> secured.stats().streamsOpen() == 1);
            secured.server().herald().publish(Publication.of("t", "for you only").onChannel("user-42"));

            assertThat(Polls.answerOf(Polls.await(waiting)).data()).containsExactly("for you only");
        }
    }

    @Test
    void aLongPollOfPrivateChannelsWaitsNoLongerThanItsToken() {
        AccessOptions access = AccessOptions.tokens(TestTokens.OPTIONS).withPrivateChannels(ChannelPatterns.parse("user-*"));
        try (RunningServer secured = RunningServer.start(HeraldConfig.defaults().withAccess(access))) {
            String bearer = "Bearer " + TestTokens.token(List.of(), List.of("user-1"), Duration.ofSeconds(2));
            long started = System.nanoTime();

            Polls.Answer answer = Polls.poll(secured.uri("/poll?channel=user-1&wait=60"), "Authorization", bearer);

            assertThat(answer.events()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        }
    }
}
