package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.limits.LimitsOptions;
import dev.herald.hub.HubOptions;
import dev.herald.testing.Polls;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Herald behind a real nginx running the documented configuration ({@code deploy/nginx/herald.conf}): a thousand
 * streams get every event, long polls and publishes pass, Herald's own refusals reach the client as Herald wrote them,
 * and while Herald is down the stream path answers a stream that only says when to come back. The restart itself is
 * {@link NginxRestartIT}.
 */
class NginxIT {

    private static final int STREAMS = 1000;
    private static final int EVENTS = 10;

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        Nginx.assumePresent();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Connections from {@code localAddress} (all of 127/8 is this machine's on Linux). */
    private static NetClient clientFrom(String localAddress) {
        return vertx.createNetClient(new NetClientOptions().setLocalAddress(localAddress));
    }

    @Test
    void withTheDefaultLimitsAThousandStreamsFromOneAddressThroughNginxEachReceiveEveryEventInOrder() {
        try (RunningServer herald = RunningServer.start(behindNginx(LimitsOptions.builder()));
             Nginx nginx = Nginx.inFrontOf(herald.server().port())) {
            NetClient http = clientFrom("127.0.0.2");
            List<SpecEventSource> sources = new ArrayList<>();
            try {
                for (int i = 0; i < STREAMS; i++) {
                    sources.add(SpecEventSource.connect(vertx, http, nginx.uri("/stream?channel=crowd")));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> herald.stats().streamsOpen() == STREAMS);
                for (int i = 0; i < EVENTS; i++) {
                    HttpResponse<String> published = TestHttp.post(nginx.uri("/publish"),
                            "{\"channel\":\"crowd\",\"data\":\"e" + i + "\"}");
                    assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
                }
                List<String> expected = IntStream.range(0, EVENTS).mapToObj(i -> "e" + i).toList();
                await().atMost(Duration.ofSeconds(30)).until(() -> sources.stream()
                        .allMatch(source -> source.events().size() >= EVENTS));
                for (SpecEventSource source : sources) {
                    assertThat(source.data()).isEqualTo(expected);
                    assertThat(source.opens()).as("no stream was lost on the way").isEqualTo(1);
                }
            } finally {
                sources.forEach(SpecEventSource::close);
                http.close();
            }
        }
    }

    @Test
    void theLimitsCountTheAddressesNginxForwardsNotNginxsOwnNorWhatAClientWroteItself() {
        HeraldConfig config = behindNginx(LimitsOptions.builder().maxStreamsPerClient(2));
        try (RunningServer herald = RunningServer.start(config);
             Nginx nginx = Nginx.inFrontOf(herald.server().port())) {
            NetClient second = clientFrom("127.0.0.2");
            NetClient third = clientFrom("127.0.0.3");
            List<SpecEventSource> sources = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    sources.add(SpecEventSource.connect(vertx, second, nginx.uri("/stream"), forgedAddress(i)));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> herald.stats().streamsOpen() == 2);
                SpecEventSource overTheCap = SpecEventSource.connect(vertx, second, nginx.uri("/stream"),
                        forgedAddress(2));
                sources.add(overTheCap);
                await().atMost(Duration.ofSeconds(10)).until(() -> overTheCap.failure() != null || overTheCap.isOpen());
                assertThat(overTheCap.failure())
                        .as("127.0.0.2's third stream, whatever address it wrote for itself: " + overTheCap)
                        .startsWith("HTTP 429 application/json");

                for (int i = 0; i < 2; i++) {
                    sources.add(SpecEventSource.connect(vertx, third, nginx.uri("/stream")));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> herald.stats().streamsOpen() == 4);
                assertThat(sources).filteredOn(source -> source != overTheCap)
                        .allMatch(SpecEventSource::isOpen, "open")
                        .allMatch(source -> source.failure() == null, "not failed");
            } finally {
                sources.forEach(SpecEventSource::close);
                second.close();
                third.close();
            }
        }
    }

    /**
     * Herald with these limits and nginx on this machine as its trusted proxy, as the docs say to run it; its stop ends
     * whatever streams are left at once (no drain), so that a test ends as soon as it is done.
     */
    private static HeraldConfig behindNginx(LimitsOptions.Builder limits) {
        return HeraldConfig.defaults().withLimits(limits.trustedProxies("127.0.0.1").build())
                .withHub(HubOptions.defaults().withDrainTime(Duration.ZERO));
    }

    /** Forwarding headers a client writes for itself, which nginx must not let Herald believe. */
    private static Map<String, String> forgedAddress(int number) {
        return Map.of("X-Forwarded-For", "10.0.0." + number, "Forwarded", "for=10.0.1." + number);
    }

    @Test
    void aLongPollThroughNginxIsAnsweredWhenAnEventIsPublished() {
        try (RunningServer herald = RunningServer.start();
             Nginx nginx = Nginx.inFrontOf(herald.server().port())) {
            String cursor = Polls.poll(nginx.uri("/poll?channel=mail")).next();
            var waiting = Polls.send(nginx.uri("/poll?channel=mail&wait=20&since=" + cursor));
            await().atMost(Duration.ofSeconds(10)).until(() -> herald.stats().streamsOpen() == 1);
            assertThat(TestHttp.post(nginx.uri("/publish"), "{\"channel\":\"mail\",\"data\":\"you have mail\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(Polls.answerOf(Polls.await(waiting)).data()).containsExactly("you have mail");
        }
    }

    @Test
    void aStreamThroughNginxCarriesHeraldsHeadersAndHeartbeats() {
        HeraldConfig config = HeraldConfig.defaults()
                .withHub(new HubOptions(Duration.ofMillis(200), HubOptions.RETRY.defaultValue()));
        try (RunningServer herald = RunningServer.start(config);
             Nginx nginx = Nginx.inFrontOf(herald.server().port());
             SseTestClient client = SseTestClient.connect(nginx.uri("/stream?channel=beat"))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));
            client.nextComment();
            client.nextComment();
            assertThat(TestHttp.post(nginx.uri("/publish"), "{\"channel\":\"beat\",\"data\":\"now\"}").statusCode())
                    .isEqualTo(200);
            assertThat(client.next().data()).isEqualTo("now");
        }
    }

    @Test
    void heraldsOwnRefusalsReachTheClientAsHeraldWroteThem() {
        try (RunningServer herald = RunningServer.start();
             Nginx nginx = Nginx.inFrontOf(herald.server().port())) {
            HttpResponse<String> badChannel = TestHttp.get(nginx.uri("/stream?channel=a%01b"));
            HttpResponse<String> direct = TestHttp.get(herald.uri("/stream?channel=a%01b"));
            assertThat(badChannel.statusCode()).isEqualTo(400).isEqualTo(direct.statusCode());
            assertThat(badChannel.body()).isEqualTo(direct.body());
        }
    }

    @Test
    void whileHeraldIsDownTheStreamPathAnswersARetryAndTheOthersAJson503() throws Exception {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothingListens = socket.getLocalPort();
        }
        try (Nginx nginx = Nginx.inFrontOf(nothingListens);
             SseTestClient stream = SseTestClient.connect(nginx.uri("/stream?channel=news"))) {
            assertThat(stream.status()).as("a status EventSource keeps reconnecting after").isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            assertThat(stream.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(stream.nextRetry()).isEqualTo(2000);
            stream.ended().get(10, TimeUnit.SECONDS);
            stream.assertNoMoreEvents(Duration.ZERO);

            for (HttpResponse<String> answer : List.of(TestHttp.get(nginx.uri("/poll?wait=5")),
                    TestHttp.post(nginx.uri("/publish"), "{\"channel\":\"news\",\"data\":\"lost?\"}"))) {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(TestHttp.json(answer).get("status").asText()).isEqualTo("error");
            }
        }
    }
}
