package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.Polls;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pattern subscriptions over real HTTP on the server, in all three broker modes: with Redis, two nodes on one private
 * redis-server, the stream on one and the publishes on the other, on channels the stream's node has never seen.
 */
class PatternSubscriptionIT {

    private RedisServerProcess redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServerProcess.start();
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    /** The three brokers. */
    enum Mode {
        MEMORY, PUBSUB, STREAMS;

        HeraldConfig config(String url) {
            HeraldConfig config = HeraldConfig.defaults().withHub(new HubOptions(Duration.ofMillis(200), Duration.ofSeconds(3)));
            return switch (this) {
                case MEMORY -> config;
                case PUBSUB -> config.withBroker(new BrokerOptions.RedisPubSub(url, HistoryPolicy.defaults()));
                case STREAMS -> config.withBroker(new BrokerOptions.RedisStreams(url, 1000));
            };
        }
    }

    private static String publish(RunningServer node, String channel, String data) {
        HttpResponse<String> published = TestHttp.post(node.uri("/publish"),
                "{\"channel\":\"" + channel + "\",\"data\":\"" + data + "\"}");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        return TestHttp.json(published).path("id").asText();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPatternStreamReceivesChannelsPublishedOnAnyNodeAndResumesAcrossThem(Mode mode) {
        try (RunningServer subscriberNode = RunningServer.start(mode.config(redis.url()));
             RunningServer publisherNode = mode == Mode.MEMORY ? null : RunningServer.start(mode.config(redis.url()))) {
            RunningServer publishing = publisherNode != null ? publisherNode : subscriberNode;
            String last;
            try (SseTestClient stream = SseTestClient.connect(subscriberNode.uri("/stream?channel=orders.*"))) {
                assertThat(stream.status()).isEqualTo(200);
                stream.nextRetry();
                publish(publishing, "orders.eu", "1");
                publish(publishing, "news", "not mine");
                last = publish(publishing, "orders.us", "2");
                assertThat(stream.next(2)).extracting(ParsedEvent::data).containsExactly("1", "2");
                // The client drops here; these arrive meanwhile (while the node holds the pattern: in Pub/Sub mode a
                // node keeps only what it received).
                publish(publishing, "orders.asia", "3");
                publish(publishing, "orders.eu", "4");
                assertThat(stream.next(2)).extracting(ParsedEvent::data).containsExactly("3", "4");
            }

            // Pub/Sub mode keeps history per node, so it resumes where the stream was; Streams mode on any node.
            RunningServer resuming = mode == Mode.STREAMS ? publishing : subscriberNode;
            try (SseTestClient resumed = SseTestClient.connect(resuming.uri("/stream?channel=orders.*"),
                    Map.of("Last-Event-ID", last))) {
                assertThat(resumed.next(2)).extracting(ParsedEvent::data).containsExactly("3", "4");
                resumed.assertNoMoreEvents(Duration.ofMillis(300));
            }
            Polls.Answer polled = Polls.poll(resuming.uri("/poll?channel=orders.*&since=" + last));
            assertThat(polled.data()).containsExactly("3", "4");
            assertThat(polled.historyGone()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPatternThatDoesNotParseIsA400InEveryMode(Mode mode) {
        try (RunningServer node = RunningServer.start(mode.config(redis.url()))) {
            HttpResponse<String> refused = TestHttp.get(node.uri("/stream?channel=orders.**"));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(TestHttp.json(refused).path("message").asText()).startsWith("channel pattern \"orders.**\" does not parse");
        }
    }
}
