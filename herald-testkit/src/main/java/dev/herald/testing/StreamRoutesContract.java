package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.ChannelNames;
import dev.herald.hub.HistoryGone;
import dev.herald.sse.ParsedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP adapter of Herald must answer the same way, over real HTTP: the Vert.x routes and the Spring
 * starter each extend it with a running server whose endpoints are under {@link #base()} and whose options are
 * {@link #HEARTBEAT}, {@link #RETRY_MILLIS}, {@link #HISTORY_SIZE} events per channel (memory broker) and a stream
 * buffer of {@link #BUFFER_LIMIT_BYTES}. Every test uses channels of its own, so one server serves them all.
 */
public abstract class StreamRoutesContract {

    public static final Duration HEARTBEAT = Duration.ofMillis(200);
    public static final long RETRY_MILLIS = 2_000;
    public static final int HISTORY_SIZE = 5;
    public static final int BUFFER_LIMIT_BYTES = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PADDING = "p".repeat(8 * 1024);
    private static final int MAX_SLOW_EVENTS = 5_000;

    /** Where {@code stream} and {@code publish} are, e.g. {@code http://127.0.0.1:8080/events}, without a final slash. */
    protected abstract URI base();

    /** The server's count of clients dropped for a full buffer. */
    protected abstract long subscribersDropped();

    private URI stream(String query) {
        return URI.create(base() + "/stream" + query);
    }

    private URI publishUri() {
        return URI.create(base() + "/publish");
    }

    private static String channel() {
        return "contract-" + UUID.randomUUID();
    }

    private String publish(String channel, String type, String data) {
        try {
            String body = JSON.writeValueAsString(Map.of("channel", channel, "type", type, "data", data));
            HttpResponse<String> response = TestHttp.post(publishUri(), body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode reply = JSON.readTree(response.body());
            assertThat(reply.path("status").asText()).isEqualTo("success");
            return reply.path("id").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStreamOpensWithItsRetryFrame() {
        try (SseTestClient client = SseTestClient.connect(stream("?channel=" + channel()))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type.replace(" ", "")).startsWithIgnoringCase("text/event-stream"));
            assertThat(client.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(client.headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(client.nextRetry()).isEqualTo(RETRY_MILLIS);
        }
    }

    @Test
    void aPublishedEventArrivesWithItsId() {
        String channel = channel();
        try (SseTestClient client = SseTestClient.connect(stream("?channel=" + channel))) {
            client.nextRetry();
            String id = publish(channel, "notify", "{\"message\":\"Hello\"}");
            ParsedEvent event = client.next();
            assertThat(event.type()).isEqualTo("notify");
            assertThat(event.data()).isEqualTo("{\"message\":\"Hello\"}");
            assertThat(event.lastEventId()).isEqualTo(id);
            client.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    private HttpResponse<String> publishWithId(String channel, String id, String data) {
        try {
            return TestHttp.post(publishUri(), JSON.writeValueAsString(Map.of("channel", channel, "id", id, "data", data)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anIdOverTheMaximumIsRefusedAtPublishAndTheLongestResumesByHeaderAndByQuery() {
        String channel = channel();
        String longest = "order/ 7&%".repeat(26).substring(0, 256); // every channel escapes it
        HttpResponse<String> tooLong = publishWithId(channel, longest + "x", "refused");
        assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
        assertThat(TestHttp.json(tooLong).path("message").asText()).isEqualTo(
                "id must be at most 256 characters (a client sends it back in a header or a URL to resume), got 257");

        HttpResponse<String> accepted = publishWithId(channel, longest, "first");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(TestHttp.json(accepted).path("id").asText()).isEqualTo(longest);
        publish(channel, "message", "second");

        try (SseTestClient byHeader = SseTestClient.connect(stream("?channel=" + channel), Map.of("Last-Event-ID", longest));
             SseTestClient byQuery = SseTestClient.connect(stream("?channel=" + channel + "&lastEventId="
                     + java.net.URLEncoder.encode(longest, StandardCharsets.UTF_8)))) {
            assertThat(byHeader.status()).isEqualTo(200);
            assertThat(byHeader.next().data()).isEqualTo("second");
            assertThat(byQuery.status()).isEqualTo(200);
            assertThat(byQuery.next().data()).isEqualTo("second");
        }
    }

    @Test
    void aFirstConnectionMayRewindToTheNewestEventsThenGoesLive() {
        String channel = channel();
        for (int n = 1; n <= 4; n++) {
            publish(channel, "message", "event " + n);
        }
        try (SseTestClient rewound = SseTestClient.connect(stream("?channel=" + channel + "&rewind=2"))) {
            assertThat(rewound.next(2)).extracting(ParsedEvent::data).containsExactly("event 3", "event 4");
            String live = publish(channel, "message", "event 5");
            assertThat(rewound.next().lastEventId()).isEqualTo(live);
            rewound.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void sinceInTheQueryResumesAsLastEventIdDoes() {
        String channel = channel();
        String first = publish(channel, "message", "event 1");
        publish(channel, "message", "event 2");
        try (SseTestClient resumed = SseTestClient.connect(stream("?channel=" + channel + "&since=" + first))) {
            assertThat(resumed.next().data()).isEqualTo("event 2");
            resumed.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void resumingWithLastEventIdReplaysExactlyTheMissedEvents() {
        String channel = channel();
        List<String> ids = new ArrayList<>();
        try (SseTestClient first = SseTestClient.connect(stream("?channel=" + channel))) {
            first.nextRetry();
            for (int n = 1; n <= 3; n++) {
                ids.add(publish(channel, "message", "event " + n));
            }
            assertThat(first.next().lastEventId()).isEqualTo(ids.get(0));
        }
        try (SseTestClient resumed = SseTestClient.connect(stream("?channel=" + channel),
                Map.of("Last-Event-ID", ids.get(0)))) {
            assertThat(resumed.next(2)).extracting(ParsedEvent::data).containsExactly("event 2", "event 3");
            resumed.assertNoMoreEvents(Duration.ofMillis(300));
            String live = publish(channel, "message", "event 4");
            assertThat(resumed.next().lastEventId()).isEqualTo(live);
            resumed.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void anIdOlderThanHistoryGetsHistoryGoneThenWhatHistoryHolds() {
        String channel = channel();
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= HISTORY_SIZE + 2; n++) {
            ids.add(publish(channel, "message", "event " + n));
        }
        try (SseTestClient resumed = SseTestClient.connect(stream("?channel=" + channel),
                Map.of("Last-Event-ID", ids.get(0)))) {
            ParsedEvent gone = resumed.next();
            assertThat(gone.type()).isEqualTo(HistoryGone.TYPE);
            assertThat(gone.data()).contains(ids.get(0)).contains(channel);
            List<String> kept = resumed.next(HISTORY_SIZE).stream().map(ParsedEvent::lastEventId).toList();
            assertThat(kept).isEqualTo(ids.subList(2, ids.size()));
            resumed.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }

    @Test
    void heartbeatsArrive() {
        try (SseTestClient client = SseTestClient.connect(stream("?channel=" + channel()))) {
            assertThat(client.nextComment()).isEmpty();
            assertThat(client.nextComment()).isEmpty();
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileAnotherKeepsReceiving() throws Exception {
        String channel = channel();
        long droppedBefore = subscribersDropped();
        try (Socket stalled = new Socket();
             SseTestClient reader = SseTestClient.connect(stream("?channel=" + channel))) {
            stalled.setReceiveBufferSize(4096);
            stalled.setSoTimeout((int) SseTestClient.WAIT.toMillis());
            stalled.connect(new InetSocketAddress(base().getHost(), base().getPort()));
            OutputStream request = stalled.getOutputStream();
            request.write(("GET " + base().getPath() + "/stream?channel=" + channel + " HTTP/1.1\r\nHost: "
                    + base().getHost() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            reader.nextRetry();
            // The stalled client's stream is open once its first bytes came (it reads no further).
            int firstByte = stalled.getInputStream().read();
            assertThat(firstByte).isNotEqualTo(-1);

            int published = 0;
            while (subscribersDropped() == droppedBefore) {
                assertThat(published).as("events published before the stalled client was dropped").isLessThan(MAX_SLOW_EVENTS);
                String id = publish(channel, "load", published + " " + PADDING);
                assertThat(reader.next().lastEventId()).isEqualTo(id);
                published++;
            }
            String after = publish(channel, "load", "after the drop");
            assertThat(reader.next().lastEventId()).as("the reader keeps receiving").isEqualTo(after);
            assertThat(subscribersDropped()).isEqualTo(droppedBefore + 1);
            assertThat(readsToTheEnd(stalled.getInputStream())).as("the stalled stream was ended").isTrue();
        }
    }

    /** Reads until the server ends the connection (true), or until a read waits longer than the socket's timeout. */
    private static boolean readsToTheEnd(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (true) {
                int read = in.read(buffer);
                if (read < 0) {
                    return true;
                }
                if (new String(buffer, 0, read, StandardCharsets.US_ASCII).endsWith("0\r\n\r\n")) {
                    return true; // the last chunk of the response: ended; the connection may be kept alive
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void aBadChannelIsAJson400() {
        HttpResponse<String> response = TestHttp.get(stream("?channel=" + "c".repeat(ChannelNames.MAX_LENGTH + 1)));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = TestHttp.json(response);
        assertThat(body.path("status").asText()).isEqualTo("error");
        assertThat(body.path("message").asText()).contains("at most " + ChannelNames.MAX_LENGTH);
    }

    @Test
    void aMalformedQueryIsAJson400NotTheDefaultChannel() throws IOException {
        // sent by hand: the JDK's URI refuses to build it
        String answer = rawGet(base().getRawPath() + "/stream?channel=%ZZ");
        assertThat(answer).startsWith("HTTP/1.1 400 ")
                .contains("{\"status\":\"error\",\"message\":\"the query string is not valid percent-encoding");
    }

    /** One request over a socket, read to the end; the answer's bytes as text. */
    private String rawGet(String pathAndQuery) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base().getHost(), base().getPort()), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base().getHost() + ":" + base().getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void publishAnswersSuccessWithTheId() {
        HttpResponse<String> response = TestHttp.post(publishUri(), "{\"channel\":\"" + channel() + "\",\"data\":\"x\",\"id\":\"mine-1\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(response);
        assertThat(body.path("status").asText()).isEqualTo("success");
        assertThat(body.path("id").asText()).isEqualTo("mine-1");
    }

    @Test
    void publishWithoutDataIsAJson400() {
        HttpResponse<String> response = TestHttp.post(publishUri(), "{\"channel\":\"" + channel() + "\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = TestHttp.json(response);
        assertThat(body.path("status").asText()).isEqualTo("error");
        assertThat(body.path("message").asText()).isEqualTo("data is required");
    }

    @Test
    void publishOfAnythingButJsonIsA415() {
        HttpResponse<String> response = TestHttp.post(publishUri(), "text/plain", "data=x");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(TestHttp.json(response).path("status").asText()).isEqualTo("error");
    }

    @Test
    void theStreamTakesOnlyGetAndPublishOnlyPost() {
        HttpResponse<String> postToStream = TestHttp.post(stream(""), "{}");
        assertThat(postToStream.statusCode()).isEqualTo(405);
        assertThat(postToStream.headers().firstValue("Allow")).hasValue("GET");
        assertThat(TestHttp.json(postToStream).path("status").asText()).isEqualTo("error");

        HttpResponse<String> getPublish = TestHttp.get(publishUri());
        assertThat(getPublish.statusCode()).isEqualTo(405);
        assertThat(getPublish.headers().firstValue("Allow")).hasValue("POST");
        assertThat(TestHttp.json(getPublish).path("message").asText()).contains("GET");
    }

    /**
     * Clients come and go while heartbeats are written: a write to a client that has just left must never reach the
     * connection that takes its place (on Tomcat it once did, through a recycled response, about once in a hundred
     * rounds).
     */
    @Test
    void streamsOpenedAndClosedInQuickSuccessionEachReceiveTheirEvent() {
        for (int n = 0; n < 300; n++) {
            String channel = channel();
            try (SseTestClient one = SseTestClient.connect(stream("?channel=" + channel));
                 SseTestClient other = SseTestClient.connect(stream("?channel=" + channel))) {
                one.nextRetry();
                other.nextRetry();
                String id = publish(channel, "message", "round " + n);
                assertThat(one.next().lastEventId()).as("round %d", n).isEqualTo(id);
                assertThat(other.next().lastEventId()).as("round %d", n).isEqualTo(id);
            }
        }
    }

    @Test
    void aCursorNameGivenTwiceIsA400NamingIt() {
        HttpResponse<String> twice = TestHttp.get(stream("?channel=" + channel() + "&lastEventId=a&lastEventId=b"));
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
        assertThat(TestHttp.json(twice).path("message").asText())
                .isEqualTo("the query parameter lastEventId is given 2 times; give it once");
    }
}
