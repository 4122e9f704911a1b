package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.relay.RelayOptions;
import dev.herald.hub.HubOptions;
import dev.herald.redis.BrokerOptions;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.Polls;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No silent gap in Pub/Sub mode for a channel a node let go of, on a real Redis with two nodes: a client that polls
 * node B again (or reconnects to it) within B's linger gets what node A published meanwhile; after it, from before, it
 * is told history gone, for B was not subscribed when A published. The same for a pattern. And a node's own
 * {@code $herald.*} announcements no longer subscribe and unsubscribe every second.
 */
class UnheldChannelIT {

    private static final Duration SHORT_LINGER = Duration.ofMillis(200);

    @RegisterExtension
    final NodesOnRedis redis = new NodesOnRedis();

    private RunningServer node(Duration linger) {
        return RunningServer.start(HeraldConfig.defaults()
                .withBroker(new BrokerOptions.RedisPubSub(redis.url(), HistoryPolicy.defaults(), new RelayOptions(linger)))
                .withHub(new HubOptions(Duration.ofMillis(500), Duration.ofSeconds(3))));
    }

    private Response redis(Request request) {
        return redis.client().send(request).toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** How many connections (the nodes') Redis delivers {@code channel} to by its name. */
    private int subscribers(String channel) {
        return redis(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel)).get(1).toInteger();
    }

    /** How many pattern subscriptions Redis holds, all connections together (NUMPAT counts distinct patterns). */
    private int patterns() {
        int subscriptions = 0;
        for (String line : redis(Request.cmd(Command.CLIENT).arg("LIST")).toString().split("\r?\n")) {
            for (String field : line.split(" ")) {
                if (field.startsWith("psub=")) {
                    subscriptions += Integer.parseInt(field.substring("psub=".length()));
                }
            }
        }
        return subscriptions;
    }

    /** How many {@code SUBSCRIBE} commands Redis has run since it started. */
    private long subscribeCommands() {
        for (String line : redis(Request.cmd(Command.INFO).arg("commandstats")).toString().split("\r?\n")) {
            if (line.startsWith("cmdstat_subscribe:")) {
                return Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
            }
        }
        return 0;
    }

    private static void publish(RunningServer node, String channel, String data) {
        assertThat(TestHttp.post(node.uri("/publish"), "{\"channel\":\"" + channel + "\",\"data\":\"" + data + "\"}")
                .statusCode()).isEqualTo(200);
    }

    private static String since(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    /**
     * A long poll of {@code subscription} on B answered with the one event A publishes on {@code channel}: its cursor.
     * Published once B is subscribed on Redis ({@code subscribedOnB} true). A stream on B holds the subscription from
     * the poll's first visit to its answer, however slow the test is between them; both leave B at the end.
     */
    private String longPollReceives(RunningServer a, RunningServer b, String subscription, String channel,
            java.util.function.BooleanSupplier subscribedOnB) {
        try (SseTestClient holding = SseTestClient.connect(b.uri("/stream?channel=" + subscription))) {
            holding.nextRetry();
            String head = Polls.poll(b.uri("/poll?channel=" + subscription)).next();
            CompletableFuture<HttpResponse<String>> waiting =
                    Polls.send(b.uri("/poll?channel=" + subscription + "&wait=15&since=" + since(head)));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(b.stats().streamsOpen()).as("the stream and the long poll").isEqualTo(2);
                assertThat(subscribedOnB.getAsBoolean()).as("B is subscribed on Redis").isTrue();
            });
            publish(a, channel, "x");
            Polls.Answer received = Polls.answerOf(Polls.await(waiting));
            assertThat(received.data()).containsExactly("x");
            assertThat(received.historyGone()).isFalse();
            return received.next();
        }
    }

    @Test
    void aPollBackAfterTheLingerFromBeforeIsToldHistoryGoneAndAStreamToo() {
        try (RunningServer a = node(SHORT_LINGER);
             RunningServer b = node(SHORT_LINGER)) {
            String x = longPollReceives(a, b, "news", "news", () -> subscribers("news") == 1);
            // B's poll and A's publish let go of the channel; both lingers run out.
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers("news") == 0);

            publish(a, "news", "missed by B");

            Polls.Answer back = Polls.poll(b.uri("/poll?channel=news&since=" + since(x)));
            assertThat(back.historyGone()).as("B was not subscribed when A published").isTrue();
            assertThat(back.events()).as("B never received it").isEmpty();
            try (SseTestClient stream = SseTestClient.connect(b.uri("/stream?channel=news"), Map.of("Last-Event-ID", x))) {
                stream.nextRetry();
                ParsedEvent notice = stream.next();
                assertThat(notice.type()).isEqualTo("history-gone");
                assertThat(notice.data()).contains("\"channels\":[\"news\"]");
                publish(a, "news", "after");
                assertThat(stream.next().data()).isEqualTo("after");
            }
        }
    }

    @Test
    void aPollBackWithinTheLingerGetsWhatWasPublishedMeanwhile() {
        try (RunningServer a = node(SHORT_LINGER);
             RunningServer b = node(RelayOptions.LINGER.defaultValue())) {
            String x = longPollReceives(a, b, "news", "news", () -> subscribers("news") == 1);

            publish(a, "news", "while away");

            // Answered at once once B has it; B lost it for good if it had let go (as it did before the linger).
            Polls.Answer back = Polls.poll(b.uri("/poll?channel=news&wait=5&since=" + since(x)));
            assertThat(back.historyGone()).isFalse();
            assertThat(back.data()).containsExactly("while away");
        }
    }

    @Test
    void aPatternLetGoOfSaysHistoryGoneAndOneBackWithinTheLingerMissesNothing() {
        try (RunningServer a = node(SHORT_LINGER);
             RunningServer b = node(SHORT_LINGER);
             RunningServer c = node(RelayOptions.LINGER.defaultValue())) {
            String onC = longPollReceives(a, c, "news.*", "news.a", () -> patterns() == 1);
            String x = longPollReceives(a, b, "news.*", "news.a", () -> patterns() == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> patterns() == 1 && subscribers("news.a") == 0);

            publish(a, "news.b", "missed by B");

            Polls.Answer fromB = Polls.poll(b.uri("/poll?channel=news.*&since=" + since(x)));
            assertThat(fromB.historyGone()).as("B let go of the pattern").isTrue();
            assertThat(fromB.events()).isEmpty();
            URI fromOnC = c.uri("/poll?channel=news.*&since=" + since(onC));
            await().atMost(Duration.ofSeconds(10)).until(() -> Polls.poll(fromOnC).data().contains("missed by B"));
            Polls.Answer fromC = Polls.poll(fromOnC);
            assertThat(fromC.historyGone()).as("C still holds it").isFalse();
            assertThat(fromC.data()).as("the x published for B, then what B missed").containsExactly("x", "missed by B");
        }
    }

    @Test
    @SuppressWarnings("try") // the node only has to run
    void aNodesOwnAnnouncementsNoLongerChurnSubscriptions() {
        try (RunningServer a = node(RelayOptions.LINGER.defaultValue())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers("$herald.status") == 1);
            long before = subscribeCommands();

            // The node announces its status every second: three announcements, each a publish that holds the channel.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> subscribers("$herald.status") == 1);

            assertThat(subscribeCommands() - before).as("SUBSCRIBE commands while the node announced itself").isZero();
        }
    }
}
