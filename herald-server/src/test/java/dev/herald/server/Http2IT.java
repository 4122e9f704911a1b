package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.hub.HubOptions;
import dev.herald.publish.Publication;
import dev.herald.request.SseRoutesOptions;
import dev.herald.testing.CountingSubscriber;
import dev.herald.testing.SseTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streams over HTTP/2, with TLS (h2, negotiated by ALPN) and in clear text (h2c, by the JDK's upgrade), through the
 * JDK's HttpClient: events, heartbeats, a stalled stream dropped while another on the same connection goes on, and
 * shutdown, as over HTTP/1.1; and HTTP/1.1 clients still served on the same port.
 */
class Http2IT {

    @TempDir
    static Path dir;
    private static Http2Clients.TestCertificate certificate;

    @BeforeAll
    static void writeCertificate() throws Exception {
        certificate = Http2Clients.TestCertificate.writeTo(dir);
    }

    /** How a test reaches HTTP/2. */
    enum Transport {
        TLS(config -> config.withProtocols(certificate.protocols())),
        H2C(config -> config.withProtocols(ProtocolOptions.withH2c()));

        private final Function<HeraldConfig, HeraldConfig> configure;

        Transport(Function<HeraldConfig, HeraldConfig> configure) {
            this.configure = configure;
        }

        RunningServer start(HeraldConfig config) {
            return RunningServer.start(configure.apply(config));
        }

        HttpClient client() {
            return this == TLS ? certificate.client() : Http2Clients.cleartext();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStreamOverHttp2ReceivesWhatIsPublishedOverHttp2(Transport transport) throws Exception {
        try (RunningServer herald = transport.start(HeraldConfig.defaults());
             SseTestClient stream = Http2Clients.stream(transport.client(), herald.uri("/stream?channel=h2"))) {
            HttpClient client = transport.client();
            assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(stream.nextRetry()).isEqualTo(3000);

            // the publisher's own client: its first request is a GET, so that h2c upgrades before the POST
            assertThat(client.send(HttpRequest.newBuilder(herald.uri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).version()).isEqualTo(HttpClient.Version.HTTP_2);
            HttpResponse<String> published = Http2Clients.post(client, herald.uri("/publish"),
                    "{\"channel\":\"h2\",\"type\":\"greeting\",\"data\":\"over HTTP/2\"}");
            assertThat(published.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(published.statusCode()).isEqualTo(200);

            assertThat(stream.next().data()).isEqualTo("over HTTP/2");
            stream.assertNoMoreEvents(Duration.ofMillis(200));
        }
    }

    /** The same port keeps serving HTTP/1.1 clients: over TLS those that offer no h2 by ALPN, with h2c all others. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void anHttp1ClientIsServedOnTheSamePort(Transport transport) throws Exception {
        HttpClient http1 = transport == Transport.TLS
                ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(certificate.client().sslContext())
                        .build()
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (RunningServer herald = transport.start(HeraldConfig.defaults());
             SseTestClient stream = Http2Clients.stream(http1, herald.uri("/stream?channel=h1"))) {
            assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(stream.nextRetry()).isEqualTo(3000);
            HttpResponse<String> published = Http2Clients.post(http1, herald.uri("/publish"),
                    "{\"channel\":\"h1\",\"data\":\"1.1\"}");
            assertThat(published.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(stream.next().data()).isEqualTo("1.1");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void heartbeatsKeepAnHttp2StreamAlive(Transport transport) {
        try (RunningServer herald = transport.start(HeraldConfig.defaults()
                .withHub(new HubOptions(Duration.ofMillis(200), Duration.ofSeconds(3))));
             SseTestClient stream = Http2Clients.stream(transport.client(), herald.uri("/stream?channel=quiet"))) {
            assertThat(stream.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(stream.nextComment()).isEmpty();
            assertThat(stream.nextComment()).isEmpty();
            assertThat(stream.ended()).isNotDone();
        }
    }

    /**
     * A stream whose reader takes nothing stops its HTTP/2 window; once the window and Herald's buffer are full,
     * Herald drops that stream (RST_STREAM) and nothing else: the other stream on the same connection receives every
     * event, and the connection serves new streams.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStalledStreamIsDroppedWhileAnotherOnTheSameConnectionReceivesEverything(Transport transport) throws Exception {
        String padding = "p".repeat(4096);
        try (RunningServer herald = transport.start(HeraldConfig.defaults()
                .withRoutes(new SseRoutesOptions(64 * 1024, 64 * 1024, 64)))) {
            HttpClient client = smallWindowClient(transport, herald);
            try (CountingSubscriber reader = new CountingSubscriber(client, herald.uri("/stream?channel=load"))) {
                assertThat(reader.client().version()).isEqualTo(HttpClient.Version.HTTP_2);
                reader.client().nextRetry();
                StalledReader stalled = new StalledReader();
                CompletableFuture<HttpResponse<Void>> stalledResponse = client.sendAsync(
                        HttpRequest.newBuilder(herald.uri("/stream?channel=load")).build(),
                        info -> stalled);
                assertThat(stalledResponse.get(10, TimeUnit.SECONDS).version()).isEqualTo(HttpClient.Version.HTTP_2);
                await().atMost(Duration.ofSeconds(10)).until(() -> herald.stats().streamsOpen() == 2);

                int published = 0;
                // In batches, each awaited by the reader, until the stalled stream is dropped; then one more.
                while (herald.stats().subscribersDropped() == 0) {
                    assertThat(published).as("events published before the stalled stream was dropped").isLessThan(20_000);
                    published = publishBatch(herald, published, padding);
                    awaitReceived(reader, published);
                }
                published = publishBatch(herald, published, padding);
                awaitReceived(reader, published);

                assertThat(reader.firstError()).isNull();
                assertThat(reader.received()).isEqualTo(published);
                assertThat(herald.stats().subscribersDropped()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(10)).until(() -> herald.stats().streamsOpen() == 1);

                try (SseTestClient another = Http2Clients.stream(client, herald.uri("/stream?channel=load"))) {
                    assertThat(another.version()).isEqualTo(HttpClient.Version.HTTP_2);
                    assertThat(another.nextRetry()).isEqualTo(3000);
                }
                stalled.cancel();
            }
        }
    }

    /**
     * Through Vert.x's client, which honours the GOAWAY that shutdown sends first: the streams it names as open go on
     * until they end. (The JDK 17 client fails every open stream on any GOAWAY, JDK-8335181, fixed in JDK 24; a browser
     * lets them end, and reconnects elsewhere.)
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void shutdownEndsHttp2StreamsCleanly(Transport transport) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            RunningServer herald = transport.start(HeraldConfig.defaults());
            io.vertx.core.http.HttpClient client = Http2Clients.vertx(vertx, transport == Transport.TLS, herald);
            List<CompletableFuture<String>> streams = new ArrayList<>();
            for (String channel : List.of("a", "b")) {
                CompletableFuture<String> body = new CompletableFuture<>();
                StringBuilder received = new StringBuilder();
                CompletableFuture<Void> opened = new CompletableFuture<>();
                client.request(HttpMethod.GET, "/stream?channel=" + channel)
                        .compose(request -> request.send())
                        .onSuccess(response -> {
                            assertThat(response.version()).isEqualTo(io.vertx.core.http.HttpVersion.HTTP_2);
                            response.handler(chunk -> {
                                received.append(chunk.toString());
                                opened.complete(null);
                            });
                            response.exceptionHandler(body::completeExceptionally);
                            response.endHandler(ended -> body.complete(received.toString()));
                        })
                        .onFailure(body::completeExceptionally);
                opened.get(10, TimeUnit.SECONDS);
                streams.add(body);
            }
            herald.close();
            for (CompletableFuture<String> body : streams) {
                assertThat(body.get(10, TimeUnit.SECONDS)).as("ended normally: an error would throw here")
                        .startsWith("retry: 3000\n");
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A client whose streams' windows are HTTP/2's initial 64 KiB rather than the JDK's 16 MiB, so that a stalled
     * stream's window fills after a few dozen events. The JDK reads the property when it opens a connection: the
     * first request opens it here, and the property is restored.
     */
    private static HttpClient smallWindowClient(Transport transport, RunningServer herald) throws Exception {
        String property = "jdk.httpclient.windowsize";
        String before = System.getProperty(property);
        System.setProperty(property, "65535");
        try {
            HttpClient client = transport.client();
            assertThat(client.send(HttpRequest.newBuilder(herald.uri("/health")).build(), HttpResponse.BodyHandlers.discarding())
                    .version()).isEqualTo(HttpClient.Version.HTTP_2);
            return client;
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    private static int publishBatch(RunningServer herald, int from, String padding) {
        for (int n = from; n < from + 25; n++) {
            herald.server().herald().publish(Publication.of("load", n + " " + padding).onChannel("load"))
                    .toCompletableFuture().join();
        }
        return from + 25;
    }

    private static void awaitReceived(CountingSubscriber reader, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.received() >= count);
    }

    /**
     * Requests one buffer and no more, so the stream's HTTP/2 window is never opened again. Its body is complete at
     * once, so that the response is handed over with its headers.
     */
    private static final class StalledReader implements HttpResponse.BodySubscriber<Void> {
        private volatile Flow.Subscription subscription;

        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
