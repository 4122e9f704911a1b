package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP adapter of Herald answers the same way at {@code GET .../poll}, over real HTTP: short and long polls
 * over a stream's history, with the stream's ids. The server is the one {@link StreamRoutesContract} asks for (a
 * memory broker keeping {@link StreamRoutesContract#HISTORY_SIZE} events a channel, a buffer of
 * {@link StreamRoutesContract#BUFFER_LIMIT_BYTES}, at most {@link #MAX_CHANNELS} channels a request, per-address
 * limits no test reaches), so one server may serve both suites. Every test uses channels of its own.
 */
public abstract class PollRoutesContract {

    public static final int MAX_CHANNELS = 64;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final int HISTORY_SIZE = StreamRoutesContract.HISTORY_SIZE;

    /** Where {@code poll}, {@code stream} and {@code publish} are, e.g. {@code http://127.0.0.1:8080/events}, without a final slash. */
    protected abstract URI base();

    /** The streams and long polls the server's limits count as open now. */
    protected abstract int streamsOpen();

    private URI poll(String query) {
        return URI.create(base() + "/poll" + query);
    }

    private static String channel() {
        return "poll-" + UUID.randomUUID();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Publishes an event of type {@code t}; its id. */
    private String publish(String channel, String data) {
        try {
            String body = JSON.writeValueAsString(Map.of("channel", channel, "type", "t", "data", data));
            HttpResponse<String> response = TestHttp.post(URI.create(base() + "/publish"), body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body()).path("id").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFirstPollAnswersNoEventsAndTheHeadThenTheNextPollGetsEverythingAfterIt() {
        String channel = channel();
        publish(channel, "before the first visit");
        Polls.Answer first = Polls.poll(poll("?channel=" + channel));
        assertThat(first.events()).isEmpty();
        assertThat(first.historyGone()).isFalse();
        assertThat(first.next()).isNotBlank();

        String one = publish(channel, "one");
        publish(channel(), "not mine");
        String two = publish(channel, "two");
        Polls.Answer second = Polls.poll(poll("?channel=" + channel + "&since=" + q(first.next())));

        assertThat(second.events()).containsExactly(new Polls.Event(one, "t", "one"), new Polls.Event(two, "t", "two"));
        assertThat(second.next()).isEqualTo(two);
        assertThat(second.historyGone()).isFalse();
        Polls.Answer third = Polls.poll(poll("?channel=" + channel + "&since=" + q(second.next())));
        assertThat(third.events()).isEmpty();
        assertThat(third.next()).as("nothing new: the cursor stays").isEqualTo(two);
    }

    @Test
    void aLongPollIsHeldUntilAnEventArrivesThenAnswersIt() {
        String channel = channel();
        String since = Polls.poll(poll("?channel=" + channel)).next();
        await().atMost(SOON).until(() -> streamsOpen() == 0); // the other tests' streams and polls are gone
        CompletableFuture<HttpResponse<String>> waiting = Polls.send(poll("?channel=" + channel + "&wait=15&since=" + q(since)));
        await().atMost(SOON).until(() -> streamsOpen() == 1);
        assertThat(waiting).as("held while there is nothing to say").isNotDone();

        String id = publish(channel, "at last");

        Polls.Answer answer = Polls.answerOf(Polls.await(waiting));
        assertThat(answer.events()).containsExactly(new Polls.Event(id, "t", "at last"));
        assertThat(answer.next()).isEqualTo(id);
        await("an answered poll gives its place back").atMost(SOON).until(() -> streamsOpen() == 0);
    }

    @Test
    void aLongPollWithEventsWaitingAnswersAtOnce() {
        String channel = channel();
        String since = Polls.poll(poll("?channel=" + channel)).next();
        String id = publish(channel, "waiting");

        long started = System.nanoTime();
        Polls.Answer answer = Polls.poll(poll("?channel=" + channel + "&wait=30&since=" + q(since)));

        assertThat(answer.events()).extracting(Polls.Event::id).containsExactly(id);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SOON);
    }

    @Test
    void aLongPollWithoutEventsAnswersEmptyWhenItsWaitEnds() {
        String channel = channel();
        String since = Polls.poll(poll("?channel=" + channel)).next();

        long started = System.nanoTime();
        Polls.Answer answer = Polls.poll(poll("?channel=" + channel + "&wait=1&since=" + q(since)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(answer.events()).isEmpty();
        assertThat(answer.next()).isEqualTo(since);
        assertThat(answer.historyGone()).isFalse();
    }

    @Test
    void aFirstVisitIsAnsweredAtOnceEvenWithAWaitAndItsCursorMissesNothingAfterIt() {
        String channel = channel();
        publish(channel, "old");
        long started = System.nanoTime();
        Polls.Answer first = Polls.poll(poll("?channel=" + channel + "&wait"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SOON);
        assertThat(first.events()).isEmpty();

        CompletableFuture<HttpResponse<String>> waiting = Polls.send(poll("?channel=" + channel + "&wait&since=" + q(first.next())));
        publish(channel, "new");

        assertThat(Polls.answerOf(Polls.await(waiting)).data()).containsExactly("new");
    }

    @Test
    void historyThatIsGoneIsReportedWithWhatHistoryStillHolds() {
        String channel = channel();
        String old = publish(channel, "0");
        List<String> kept = new ArrayList<>();
        for (int i = 1; i <= HISTORY_SIZE + 3; i++) {
            publish(channel, Integer.toString(i));
            kept.add(Integer.toString(i));
        }
        kept = kept.subList(kept.size() - HISTORY_SIZE, kept.size());

        Polls.Answer answer = Polls.poll(poll("?channel=" + channel + "&wait=5&since=" + q(old)));

        assertThat(answer.historyGone()).isTrue();
        assertThat(answer.data()).containsExactlyElementsOf(kept);
        assertThat(answer.next()).isEqualTo(answer.events().get(HISTORY_SIZE - 1).id());
    }

    @Test
    void anUnknownIdIsReportedAsGoneAndTheHeadBecomesTheCursor() {
        String channel = channel();
        String kept = publish(channel, "kept");

        Polls.Answer answer = Polls.poll(poll("?channel=" + channel + "&since=1-999999"));

        assertThat(answer.historyGone()).isTrue();
        assertThat(answer.data()).containsExactly("kept");
        assertThat(answer.next()).isEqualTo(kept);
    }

    @Test
    void aPollAndAStreamShareTheirCursorsWithoutLossOrDuplicate() {
        String channel = channel();
        String streamCursor;
        try (SseTestClient stream = SseTestClient.connect(URI.create(base() + "/stream?channel=" + channel))) {
            publish(channel, "s1");
            assertThat(stream.next().data()).isEqualTo("s1");
            streamCursor = stream.lastEventId();
        }
        publish(channel, "p1");
        publish(channel, "p2");
        Polls.Answer polled = Polls.poll(poll("?channel=" + channel + "&since=" + q(streamCursor)));
        assertThat(polled.data()).containsExactly("p1", "p2");

        publish(channel, "s2");
        try (SseTestClient back = SseTestClient.connect(URI.create(base() + "/stream?channel=" + channel),
                Map.of("Last-Event-ID", polled.next()))) {
            assertThat(back.next().data()).isEqualTo("s2");
            back.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void anAnswerStopsAtTheBufferLimitAndTheNextPollGoesOnFromItsCursor() {
        String channel = channel();
        String since = Polls.poll(poll("?channel=" + channel)).next();
        // History holds them all; together they are nearly twice the buffer.
        int size = 2 * StreamRoutesContract.BUFFER_LIMIT_BYTES / HISTORY_SIZE;
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < HISTORY_SIZE; i++) {
            String data = i + "-" + "x".repeat(size);
            publish(channel, data);
            sent.add(data);
        }

        List<String> received = new ArrayList<>();
        int answers = 0;
        while (received.size() < sent.size() && answers++ < sent.size()) {
            Polls.Answer answer = Polls.poll(poll("?channel=" + channel + "&since=" + q(since)));
            assertThat(answer.events()).as("some, but not all of them in one answer of at most the buffer and an event")
                    .isNotEmpty().hasSizeLessThan(sent.size());
            received.addAll(answer.data());
            since = answer.next();
        }
        assertThat(received).as("every event once, in order, over several answers").containsExactlyElementsOf(sent);
    }

    @Test
    void badInputIsAJson400() {
        Map<String, String> refusals = Map.of(
                "?wait=abc", "wait must be a whole number of seconds from 0 (at most 60 are waited), or no value for 25, got \"abc\"",
                "?rewind=-1", "rewind must be a whole number of events from 0 (at most 100 are sent), got \"-1\"",
                "?rewind=abc", "rewind must be a whole number of events from 0 (at most 100 are sent), got \"abc\"",
                "?channel=", "channel name must not be empty",
                "?since=a%0Ab", "since is not an event id: an id never holds a line break or NUL",
                "?" + "channel=c&".repeat(MAX_CHANNELS + 1),
                "a stream may name at most " + MAX_CHANNELS + " channels, got " + (MAX_CHANNELS + 1));
        refusals.forEach((query, message) -> {
            HttpResponse<String> response = TestHttp.get(poll(query));
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            JsonNode body = TestHttp.json(response);
            assertThat(body.path("status").asText()).as(query).isEqualTo("error");
            assertThat(body.path("message").asText()).as(query).startsWith(message);
        });
    }

    @Test
    void pollTakesOnlyGetAndSaysSoAsJson() {
        HttpResponse<String> posted = TestHttp.request("POST", poll(""));

        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.headers().firstValue("Allow")).hasValue("GET");
        assertThat(TestHttp.json(posted).path("message").asText()).isEqualTo("Method POST is not allowed here; use GET");
    }

    @Test
    void aCursorGivenTwiceIsA400NamingItNeverOneValuePicked() {
        String channel = channel();
        HttpResponse<String> twice = TestHttp.get(poll("?channel=" + channel + "&since=a&since=b"));
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
        assertThat(TestHttp.json(twice).path("message").asText())
                .isEqualTo("the query parameter since is given 2 times; give it once");

        HttpResponse<String> headerTwice = TestHttp.get(poll("?channel=" + channel),
                "Last-Event-ID", "a", "Last-Event-ID", "b");
        assertThat(headerTwice.statusCode()).as(headerTwice.body()).isEqualTo(400);
        assertThat(TestHttp.json(headerTwice).path("message").asText())
                .isEqualTo("the Last-Event-ID header is given 2 times; give it once");
    }

    @Test
    void anIdOverTheMaximumIsRefusedAsACursor() {
        HttpResponse<String> tooLong = TestHttp.get(poll("?channel=" + channel() + "&since=" + "i".repeat(257)));
        assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
        assertThat(TestHttp.json(tooLong).path("message").asText())
                .isEqualTo("since is not an event id: an id is at most 256 characters, got 257");
    }
}
