package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.testing.CapturedLog;
import dev.herald.testing.SseTestClient;
import dev.herald.vertx.JsonHttp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The limits hold on HTTP/2 as on HTTP/1.1, over TLS and h2c: a connection that sends nothing, or only HTTP/2's
 * preface, is closed within the request timeout; a late body is answered 408 and only its stream is reset; a quiet
 * stream outlives the idle timeout; the per-address cap and the node's cap refuse a stream, not the connection that
 * carries the others.
 */
class Http2LimitsIT {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    /** Longer than the idle timeout: a stream is quiet for longer than a connection may be idle. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(3);
    /** What a timer and a loaded machine may add to a deadline. */
    private static final Duration SLACK = Duration.ofSeconds(2);
    /** The client's connection preface (RFC 9113 3.4) and an empty SETTINGS frame. */
    private static final byte[] PREFACE = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});

    @TempDir
    static Path dir;
    private static Http2Clients.TestCertificate certificate;

    @BeforeAll
    static void writeCertificate() throws Exception {
        certificate = Http2Clients.TestCertificate.writeTo(dir);
    }

    enum Transport {
        TLS, H2C;

        RunningServer start(HeraldConfig config) {
            return RunningServer.start((this == TLS ? config.withProtocols(certificate.protocols())
                    : config.withProtocols(ProtocolOptions.withH2c()))
                    .withHub(new HubOptions(HEARTBEAT, Duration.ofSeconds(3)))
                    .withTimeouts(new TimeoutOptions(REQUEST_TIMEOUT, IDLE_TIMEOUT)));
        }

        HttpClient client() {
            return this == TLS ? certificate.client() : Http2Clients.cleartext();
        }

        /** A raw connection; over TLS the handshake is done, offering only h2. */
        Socket connect(RunningServer herald) throws IOException {
            int port = herald.uri("/").getPort();
            if (this == H2C) {
                return new Socket("127.0.0.1", port);
            }
            SSLSocket socket = (SSLSocket) Http2Clients.trustingAnyCertificate().getSocketFactory()
                    .createSocket("127.0.0.1", port);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
            return socket;
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aConnectionThatSendsNothingIsClosedWithinTheRequestTimeout(Transport transport) throws Exception {
        try (RunningServer herald = transport.start(HeraldConfig.defaults());
             Socket silent = transport.connect(herald)) {
            long started = System.nanoTime();
            readUntilClosed(silent);
            assertThat(since(started)).isBetween(REQUEST_TIMEOUT.minusMillis(100), REQUEST_TIMEOUT.plus(SLACK));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aConnectionThatSendsOnlyThePrefaceIsClosedWithinTheRequestTimeout(Transport transport) throws Exception {
        try (RunningServer herald = transport.start(HeraldConfig.defaults());
             Socket prefaceOnly = transport.connect(herald)) {
            long started = System.nanoTime();
            prefaceOnly.getOutputStream().write(PREFACE);
            prefaceOnly.getOutputStream().flush();
            byte[] answer = readUntilClosed(prefaceOnly);
            assertThat(since(started)).isBetween(REQUEST_TIMEOUT.minusMillis(100), REQUEST_TIMEOUT.plus(SLACK));
            assertThat(answer.length).as("the server's SETTINGS frame, h2c by prior knowledge included").isGreaterThanOrEqualTo(9);
            assertThat(answer[3]).as("the first frame's type: SETTINGS").isEqualTo((byte) 4);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamQuietForLongerThanTheIdleTimeoutStaysOpen(Transport transport) throws Exception {
        try (RunningServer herald = transport.start(HeraldConfig.defaults())) {
            HttpClient client = transport.client();
            try (SseTestClient stream = Http2Clients.stream(client, herald.uri("/stream?channel=quiet"))) {
                assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(stream.nextRetry()).isEqualTo(3000);
                await().during(IDLE_TIMEOUT.plusMillis(500)).atMost(IDLE_TIMEOUT.plus(SLACK)).until(() -> !stream.ended().isDone());
                assertThat(stream.nextComment()).as("the heartbeat, %s apart", HEARTBEAT).isEmpty();

                assertThat(Http2Clients.post(client, herald.uri("/publish"), "{\"channel\":\"quiet\",\"data\":\"later\"}")
                        .statusCode()).isEqualTo(200);
                assertThat(stream.next().data()).isEqualTo("later");
            }
        }
    }

    /**
     * Through Vert.x's client, which (unlike the JDK's) hands over a response before its request's body is complete,
     * and sends every request of a test on one HTTP/2 connection (TLS, or h2c by prior knowledge).
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLateBodyIsAnswered408AndOnlyItsStreamIsGivenUp(Transport transport) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (RunningServer herald = transport.start(HeraldConfig.defaults());
             CapturedLog log = CapturedLog.of(JsonHttp.class)) {
            io.vertx.core.http.HttpClient client = vertxClient(vertx, transport, herald);
            BlockingQueue<String> streamed = new LinkedBlockingQueue<>();
            HttpClientRequest streamRequest = done(client.request(HttpMethod.GET, "/stream?channel=late"));
            HttpClientResponse stream = done(streamRequest.send());
            stream.handler(chunk -> streamed.add(chunk.toString()));
            assertThat(stream.version()).isEqualTo(HttpVersion.HTTP_2);

            long started = System.nanoTime();
            HttpClientRequest late = done(client.request(HttpMethod.POST, "/publish"));
            CompletableFuture<Throwable> reset = new CompletableFuture<>();
            late.exceptionHandler(reset::complete);
            late.putHeader("Content-Type", "application/json").setChunked(true).write("{\"data\":");
            // the body is taken as the response arrives: a Vert.x response not read at once drops what comes
            String answer = done(late.response().compose(response -> response.body()
                    .map(body -> response.statusCode() + " " + body)));
            assertThat(since(started)).isBetween(REQUEST_TIMEOUT.minusMillis(100), REQUEST_TIMEOUT.plus(SLACK));
            assertThat(answer).isEqualTo(
                    "408 {\"status\":\"error\",\"message\":\"The request body did not arrive within 1s of its head\"}");
            assertThat(late.connection()).as("one connection").isSameAs(streamRequest.connection());
            assertThat(reset.get(10, TimeUnit.SECONDS)).as("the late request's stream, reset after the answer")
                    .isInstanceOfSatisfying(StreamResetException.class, e -> assertThat(e.getCode()).isZero());

            HttpClientRequest publish = done(client.request(HttpMethod.POST, "/publish"));
            HttpClientResponse published = done(publish.putHeader("Content-Type", "application/json")
                    .send("{\"channel\":\"late\",\"data\":\"after\"}"));
            assertThat(published.statusCode()).isEqualTo(200);
            assertThat(publish.connection()).as("still the same connection").isSameAs(streamRequest.connection());
            await().atMost(Duration.ofSeconds(10)).until(() -> String.join("", streamed).contains("data: after\n"));
            log.assertNothingLogged();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClientThatResetsItsStreamInTheMiddleOfABodyIsNoServerError(Transport transport) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (RunningServer herald = transport.start(HeraldConfig.defaults());
             CapturedLog log = CapturedLog.of(JsonHttp.class)) {
            io.vertx.core.http.HttpClient client = vertxClient(vertx, transport, herald);
            HttpClientRequest leaving = done(client.request(HttpMethod.POST, "/send_notification"));
            CompletableFuture<Throwable> ownReset = new CompletableFuture<>();
            leaving.exceptionHandler(ownReset::complete);
            leaving.putHeader("Content-Type", "application/json").setChunked(true);
            done(leaving.write("{\"message\":"));
            done(leaving.reset(8)); // CANCEL, as a browser's fetch that is aborted
            assertThat(ownReset.get(10, TimeUnit.SECONDS)).isInstanceOf(StreamResetException.class);

            HttpClientRequest after = done(client.request(HttpMethod.POST, "/send_notification"));
            HttpClientResponse answer = done(after.putHeader("Content-Type", "application/json")
                    .send("{\"message\":\"after\"}"));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(after.connection()).as("the same connection").isSameAs(leaving.connection());
            log.assertNothingLogged();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static io.vertx.core.http.HttpClient vertxClient(Vertx vertx, Transport transport, RunningServer herald) {
        return Http2Clients.vertx(vertx, transport == Transport.TLS, herald);
    }

    private static <T> T done(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamOverTheAddressLimitIsRefused429OnTheConnectionThatCarriesTheOthers(Transport transport) throws Exception {
        try (RunningServer herald = transport.start(HeraldConfig.defaults().withLimits(
                LimitsOptions.builder().maxStreams(10).maxStreamsPerClient(2).build()))) {
            HttpClient client = transport.client();
            try (SseTestClient first = Http2Clients.stream(client, herald.uri("/stream?channel=cap"));
                 SseTestClient second = Http2Clients.stream(client, herald.uri("/stream?channel=cap"))) {
                assertThat(first.status()).isEqualTo(200);
                assertThat(second.status()).isEqualTo(200);
                HttpResponse<String> refused = client.send(HttpRequest.newBuilder(herald.uri("/stream?channel=cap")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");

                assertThat(Http2Clients.post(client, herald.uri("/publish"), "{\"channel\":\"cap\",\"data\":\"still here\"}")
                        .statusCode()).isEqualTo(200);
                assertThat(first.next().data()).isEqualTo("still here");
                assertThat(second.next().data()).isEqualTo("still here");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamOverTheNodeCapIsShedWithoutClosingTheConnection(Transport transport) throws Exception {
        try (RunningServer herald = transport.start(HeraldConfig.defaults().withLimits(
                LimitsOptions.builder().maxStreams(2).maxStreamsPerClient(10).build()))) {
            HttpClient client = transport.client();
            List<SseTestClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    open.add(Http2Clients.stream(client, herald.uri("/stream?channel=cap")));
                    assertThat(open.get(i).nextRetry()).isEqualTo(3000);
                }
                try (SseTestClient shed = Http2Clients.stream(client, herald.uri("/stream?channel=cap"))) {
                    assertThat(shed.version()).isEqualTo(HttpClient.Version.HTTP_2);
                    assertThat(shed.status()).isEqualTo(200);
                    assertThat(shed.nextRetry()).isBetween(5_000L, 15_000L);
                    shed.ended().get(10, TimeUnit.SECONDS);
                }
                assertThat(Http2Clients.post(client, herald.uri("/publish"), "{\"channel\":\"cap\",\"data\":\"still here\"}")
                        .statusCode()).isEqualTo(200);
                for (SseTestClient stream : open) {
                    assertThat(stream.next().data()).isEqualTo("still here");
                    assertThat(stream.ended()).isNotDone();
                }
            } finally {
                open.forEach(SseTestClient::close);
            }
        }
    }

    /** Reads until the server closes the connection (at most 10 s); returns what it sent. */
    private static byte[] readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        InputStream in = socket.getInputStream();
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                received.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the connection was still open after 10 s", stillOpen);
        } catch (IOException reset) {
            // a reset is a close too
        }
        return received.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
