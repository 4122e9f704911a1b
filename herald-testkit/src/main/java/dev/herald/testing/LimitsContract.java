package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limits every HTTP adapter of Herald enforces the same way, over real HTTP: a server listening on 127.0.0.1 with
 * the memory broker, heartbeats of {@link StreamRoutesContract#HEARTBEAT} (so that a servlet container notices a
 * closed stream soon), and limits of {@link #MAX_STREAMS} streams, {@link #MAX_STREAMS_PER_CLIENT} per client address
 * and {@link #PUBLISH_RATE} publish a second per client address; a long poll takes a stream's place. Other client
 * addresses are other loopback addresses (127.0.0.2, ...), which Linux routes to the server without configuration.
 * One of them, {@link #TRUSTED_PROXY}, is the server's only trusted proxy ({@code trusted-proxies}): a request from it
 * is counted by the client its {@code Forwarded} or {@code X-Forwarded-For} header names.
 */
public abstract class LimitsContract {

    public static final int MAX_STREAMS = 3;
    public static final int MAX_STREAMS_PER_CLIENT = 2;
    public static final int PUBLISH_RATE = 1;
    /** The one trusted proxy: the server's {@code trusted-proxies}. */
    public static final String TRUSTED_PROXY = "127.0.0.9";

    private static final Pattern SHED = Pattern.compile("retry: (\\d+)\n\n");
    private static final Pattern RETRY_AFTER = Pattern.compile("\nretry-after: (\\d+)\r");

    /** Where {@code stream} and {@code publish} are, e.g. {@code http://127.0.0.1:8080/events}, without a final slash. */
    protected abstract URI base();

    /** The streams the server's limits count as open now. */
    protected abstract int streamsOpen();

    private URI stream(String channel) {
        return URI.create(base() + "/stream?channel=" + channel);
    }

    /** Each test starts with no stream counted: the previous one's closed streams are given back. */
    @BeforeEach
    void noStreamIsCounted() {
        await().atMost(SseTestClient.WAIT).until(() -> streamsOpen() == 0);
    }

    /**
     * Sends {@code third} while its address holds {@link #MAX_STREAMS_PER_CLIENT} streams of {@code channel}; asserts
     * that it is refused with 429 and {@code Retry-After: 10} and not counted, and returns the refusal's body.
     */
    private JsonNode refusedOverItsAddressesLimit(String channel, URI third) {
        try (SseTestClient first = SseTestClient.connect(stream(channel));
             SseTestClient second = SseTestClient.connect(stream(channel))) {
            first.nextRetry(); // read from, so that closing the client closes its connection
            second.nextRetry();
            HttpResponse<String> refused = TestHttp.get(third);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(streamsOpen()).as("the refused request is not counted").isEqualTo(MAX_STREAMS_PER_CLIENT);
            return TestHttp.json(refused);
        }
    }

    @Test
    void aStreamOverItsAddressesLimitIsRefusedWith429AndRetryAfter() {
        JsonNode body = refusedOverItsAddressesLimit("limits-a", stream("limits-a"));
        assertThat(body.path("status").asText()).isEqualTo("error");
        assertThat(body.path("message").asText()).isEqualTo("Too many streams open from this client address: at most "
                + MAX_STREAMS_PER_CLIENT + "; close one or retry later");
        await().atMost(SseTestClient.WAIT).until(() -> streamsOpen() == 0);
        try (SseTestClient again = SseTestClient.connect(stream("limits-a"))) {
            assertThat(again.status()).as("closed streams give their address its room back").isEqualTo(200);
            again.nextRetry();
        }
    }

    @Test
    void aStreamOverTheNodesCapIsShedWithARetryOfFiveToFifteenSecondsThenClosed() throws IOException {
        try (SseTestClient first = SseTestClient.connect(stream("limits-b"));
             SseTestClient second = SseTestClient.connect(stream("limits-b"));
             Socket third = streamFrom("127.0.0.2")) {
            first.nextRetry(); // read from, so that closing the client closes its connection
            second.nextRetry();
            assertThat(third.getInputStream().read()).as("the third stream is open").isNotEqualTo(-1);
            assertThat(streamsOpen()).isEqualTo(MAX_STREAMS);
            try (Socket shed = streamFrom("127.0.0.3")) {
                assertShed(shed);
            }
            assertThat(streamsOpen()).as("the shed stream is not counted").isEqualTo(MAX_STREAMS);
        }
    }

    @Test
    void aLongPollOverItsAddressesLimitIsRefusedWith429AndRetryAfter() {
        JsonNode body = refusedOverItsAddressesLimit("limits-d",
                URI.create(base() + "/poll?channel=limits-d&wait=1&since=x"));
        assertThat(body.path("message").asText()).isEqualTo("Too many streams and long polls open from this client "
                + "address: at most " + MAX_STREAMS_PER_CLIENT + "; close one or retry later");
    }

    /**
     * Unlike a stream, a long poll over the node's cap is refused: its client is no {@code EventSource}, which would
     * give up for good, but a script that reads the status and retries after {@code Retry-After}.
     */
    @Test
    void aLongPollOverTheNodesCapIsRefusedWith503AndRetryAfterOfFiveToFifteenSeconds() throws IOException {
        try (SseTestClient first = SseTestClient.connect(stream("limits-e"));
             SseTestClient second = SseTestClient.connect(stream("limits-e"));
             Socket third = requestFrom("127.0.0.2", "/stream?channel=limits-e", "Accept: text/event-stream")) {
            first.nextRetry(); // read from, so that closing the client closes its connection
            second.nextRetry();
            assertThat(third.getInputStream().read()).as("the third stream is open").isNotEqualTo(-1);
            assertThat(streamsOpen()).isEqualTo(MAX_STREAMS);
            String answer;
            try (Socket poll = requestFrom("127.0.0.3", "/poll?channel=limits-e&wait=20&since=x", "Connection: close")) {
                answer = readToTheEnd(poll.getInputStream());
            }
            int headEnd = answer.indexOf("\r\n\r\n");
            assertThat(headEnd).as(answer).isPositive();
            String head = answer.substring(0, headEnd).toLowerCase(Locale.ROOT);
            assertThat(head).startsWith("http/1.1 503").contains("content-type: application/json");
            Matcher retryAfter = RETRY_AFTER.matcher(head);
            assertThat(retryAfter.find()).as(head).isTrue();
            assertThat(Integer.parseInt(retryAfter.group(1))).isBetween(5, 15);
            assertThat(answer.substring(headEnd + 4)).startsWith("{\"status\":\"error\",\"message\":\"This node holds all "
                    + "the streams and long polls it may; retry after " + retryAfter.group(1) + " s\"");
            assertThat(streamsOpen()).as("the refused poll is not counted").isEqualTo(MAX_STREAMS);
        }
    }

    /** A 200 stream holding one {@code retry} of 5 to 15 s, then the end of the connection. */
    private static void assertShed(Socket shed) throws IOException {
        String answer = readToTheEnd(shed.getInputStream());
        int headEnd = answer.indexOf("\r\n\r\n");
        assertThat(headEnd).as(answer).isPositive();
        String head = answer.substring(0, headEnd).toLowerCase(Locale.ROOT);
        assertThat(head).startsWith("http/1.1 200").contains("content-type: text/event-stream")
                .contains("cache-control: no-cache");
        Matcher retry = SHED.matcher(answer.substring(headEnd + 4));
        assertThat(retry.matches()).as("a body of one retry field: " + answer).isTrue();
        assertThat(Long.parseLong(retry.group(1))).isBetween(5_000L, 15_000L);
    }

    @Test
    void aPublishOverItsAddressesRateIsRefusedWith429AndRetryAfter() {
        URI publish = URI.create(base() + "/publish");
        HttpResponse<String> answer = null;
        int passed = 0;
        // A burst of twice the rate passes, and publishes faster than the rate are then refused. A few more tries than
        // the burst: the first publishes to a cold server (this test may run first) can take over a second, in which
        // the address's budget grows again.
        for (int n = 0; n <= 10 * PUBLISH_RATE; n++) {
            answer = TestHttp.post(publish, "{\"channel\":\"limits-c\",\"data\":\"" + n + "\"}");
            if (answer.statusCode() == 429) {
                break;
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            passed++;
        }
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(passed).as("the burst passed").isGreaterThanOrEqualTo(2 * PUBLISH_RATE);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(TestHttp.json(answer).path("message").asText()).isEqualTo("Too many publish requests from this client "
                + "address: at most " + PUBLISH_RATE + " a second; retry after 1 s");
    }

    /** The status line and headers of a batch publish of {@code items} sent through the trusted proxy for {@code client}. */
    private String batchFor(String client, int items) throws IOException {
        StringBuilder body = new StringBuilder("[");
        for (int n = 0; n < items; n++) {
            body.append(n == 0 ? "" : ",").append("{\"channel\":\"limits-i\",\"data\":\"").append(n).append("\"}");
        }
        body.append(']');
        try (RawSocket socket = RawSocket.connect(base(), TRUSTED_PROXY)) {
            return socket.send("POST " + base().getPath() + "/publish/batch HTTP/1.1\r\nHost: " + base().getHost()
                    + "\r\nX-Forwarded-For: " + client + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body).readHead();
        }
    }

    @Test
    void aBatchCountsEachOfItsItemsAgainstThePublishRate() throws IOException {
        // A fresh client holds a burst of twice the rate: a batch of one more item is refused whole, one of the burst
        // passes. Each from a client of its own, so that the budget is full when it is sent.
        String refused = batchFor("198.51.100.31", 2 * PUBLISH_RATE + 1);
        assertThat(statusOf(refused)).as(refused).isEqualTo(429);
        assertThat(refused.toLowerCase(Locale.ROOT)).contains("\r\nretry-after: 1\r\n");
        String passed = batchFor("198.51.100.32", 2 * PUBLISH_RATE);
        assertThat(statusOf(passed)).as(passed).isEqualTo(200);
    }

    /** The status of a stream request from {@code from} with one more header line; the socket stays open (counted). */
    private RawSocket streamWithHeader(String from, String channel, String header) throws IOException {
        return RawSocket.connect(base(), from).send("GET " + base().getPath() + "/stream?channel=" + channel
                + " HTTP/1.1\r\nHost: " + base().getHost() + "\r\nAccept: text/event-stream\r\n" + header + "\r\n\r\n");
    }

    private static int statusOf(String head) {
        return Integer.parseInt(head.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }

    @Test
    void aForwardingHeaderFromAnUntrustedPeerIsIgnored() throws IOException {
        try (RawSocket first = streamWithHeader("127.0.0.4", "limits-f", "X-Forwarded-For: 198.51.100.1");
             RawSocket second = streamWithHeader("127.0.0.4", "limits-f", "Forwarded: for=198.51.100.2")) {
            assertThat(statusOf(first.readHead())).isEqualTo(200);
            assertThat(statusOf(second.readHead())).isEqualTo(200);
            try (RawSocket third = streamWithHeader("127.0.0.4", "limits-f", "X-Forwarded-For: 198.51.100.3")) {
                assertThat(statusOf(third.readHead())).as("counted by its peer, whatever it writes").isEqualTo(429);
            }
        }
    }

    @Test
    void fromATrustedProxyTheForwardedClientIsLimited() throws IOException {
        try (RawSocket first = streamWithHeader(TRUSTED_PROXY, "limits-g", "X-Forwarded-For: 6.6.6.6, 198.51.100.1");
             RawSocket second = streamWithHeader(TRUSTED_PROXY, "limits-g", "Forwarded: for=\"198.51.100.1:4711\"")) {
            assertThat(statusOf(first.readHead())).isEqualTo(200);
            assertThat(statusOf(second.readHead())).isEqualTo(200);
            try (RawSocket third = streamWithHeader(TRUSTED_PROXY, "limits-g", "X-Forwarded-For: 198.51.100.1")) {
                String head = third.readHead();
                assertThat(statusOf(head)).as("its forwarded client holds two: " + head).isEqualTo(429);
            }
            try (RawSocket other = streamWithHeader(TRUSTED_PROXY, "limits-g", "X-Forwarded-For: 198.51.100.2")) {
                assertThat(statusOf(other.readHead())).as("another client behind the same proxy").isEqualTo(200);
            }
        }
    }

    @Test
    void anUnreadableForwardingHeaderFromATrustedProxyIsA400NamingIt() throws IOException {
        try (RawSocket bad = streamWithHeader(TRUSTED_PROXY, "limits-h", "X-Forwarded-For: 198.51.100.1, proxy.internal")) {
            String head = bad.readHead();
            assertThat(statusOf(head)).as(head).isEqualTo(400);
            assertThat(head.toLowerCase(Locale.ROOT)).contains("content-type: application/json");
            int length = Integer.parseInt(head.toLowerCase(Locale.ROOT).replaceAll("(?s).*content-length: (\\d+).*", "$1"));
            assertThat(bad.readBody(length)).isEqualTo("{\"status\":\"error\",\"message\":\"the X-Forwarded-For header "
                    + "cannot be read: \\\"proxy.internal\\\" is not a client address; expected an IP address\"}");
        }
        HttpResponse<String> publish = TestHttp.post(URI.create(base() + "/publish"), "{\"channel\":\"limits-h\",\"data\":\"x\"}");
        assertThat(publish.statusCode()).as("the header is read from a trusted peer only").isNotEqualTo(400);
    }

    /** A raw HTTP/1.1 stream request from another loopback address. */
    private Socket streamFrom(String localAddress) throws IOException {
        return requestFrom(localAddress, "/stream?channel=limits-b", "Accept: text/event-stream");
    }

    /** A raw HTTP/1.1 GET of {@code path} (under {@link #base()}) with one more header, from another loopback address. */
    private Socket requestFrom(String localAddress, String path, String header) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout((int) SseTestClient.WAIT.toMillis());
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress(base().getHost(), base().getPort()));
        OutputStream request = socket.getOutputStream();
        request.write(("GET " + base().getPath() + path + " HTTP/1.1\r\nHost: " + base().getHost() + ":" + base().getPort()
                + "\r\n" + header + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        request.flush();
        return socket;
    }

    /**
     * Everything until the server closes the connection; a read timeout fails the test, and so does an answer longer
     * than a shed one can be (a stream that was let in, heartbeating).
     */
    private static String readToTheEnd(InputStream in) throws IOException {
        byte[] answer = new byte[4096];
        int length = 0;
        int read;
        while ((read = in.read(answer, length, answer.length - length)) > 0) {
            length += read;
        }
        String text = new String(answer, 0, length, StandardCharsets.UTF_8);
        assertThat(read).as("the connection is closed after the answer: " + text).isEqualTo(-1);
        return text;
    }
}
