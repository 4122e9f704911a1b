package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.serve.PublishService;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.CapturedLog;
import dev.herald.testing.Polls;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No silent gap: node B's Redis subscription is cut for 3 s (its connections killed from Redis's side as often as it
 * makes them) while node A publishes, or Redis is restarted under both. In Pub/Sub mode B's live stream is told
 * {@code history-gone} naming its channel, a poll from before the cut answers {@code historyGone: true}, and every
 * event A acknowledged either reached the stream or fell inside a gap it was told of. In Streams mode a cut misses
 * nothing and tells nothing; a restart without persistence (Redis lost its data) is told.
 */
class SubscriptionGapIT {

    private static final Duration CUT = Duration.ofSeconds(3);
    /** Publishes at 20 a second for the cut and half a second on either side of it. */
    private static final int PUBLISHES = 80;
    private static final long PUBLISH_EVERY_MILLIS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final NodesOnRedis redis = new NodesOnRedis();

    private RunningServer node(BrokerOptions broker) {
        return RunningServer.start(HeraldConfig.defaults().withBroker(broker)
                .withHub(new HubOptions(Duration.ofMillis(500), Duration.ofSeconds(3))));
    }

    private RunningServer pubSubNode() {
        return node(new BrokerOptions.RedisPubSub(redis.url(), HistoryPolicy.defaults()));
    }

    private RunningServer streamsNode() {
        return node(new BrokerOptions.RedisStreams(redis.url(), 1000));
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The ids of the Pub/Sub connections Redis holds now. */
    private Set<String> pubSubConnections() {
        Response list = join(redis.client().send(Request.cmd(Command.CLIENT).arg("LIST").arg("TYPE").arg("pubsub")).toCompletionStage());
        Set<String> ids = new HashSet<>();
        for (String line : list.toString().split("\n")) {
            if (line.startsWith("id=")) {
                ids.add(line.substring(3, line.indexOf(' ')));
            }
        }
        return ids;
    }

    /**
     * Kills every Pub/Sub connection but {@code spared}, every 50 ms for {@link #CUT}: the node they belong to loses
     * its subscription at once and again each time it has made it anew.
     */
    private CountDownLatch cut(Set<String> spared, ScheduledExecutorService timer) {
        CountDownLatch over = new CountDownLatch(1);
        long until = System.nanoTime() + CUT.toNanos();
        timer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() > until) {
                over.countDown();
                throw new IllegalStateException("the cut is over"); // ends this schedule
            }
            for (String id : pubSubConnections()) {
                if (!spared.contains(id)) {
                    join(redis.client().send(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(id)).toCompletionStage()
                            .exceptionally(goneAlready -> null));
                }
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        return over;
    }

    /**
     * Publishes {@code "0"} to {@code "<n-1>"} on A at 20 a second, one after the other (one thread: each waits for the
     * one before, so their order is the index's); the indexes of those A acknowledged.
     */
    private static List<Integer> publishPaced(RunningServer a) throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            return publishPaced(a, timer);
        } finally {
            timer.shutdownNow();
        }
    }

    private static List<Integer> publishPaced(RunningServer a, ScheduledExecutorService timer) throws Exception {
        ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(PUBLISHES);
        for (int i = 0; i < PUBLISHES; i++) {
            int index = i;
            timer.schedule(() -> {
                try {
                    if (TestHttp.post(a.uri("/publish"), "{\"channel\":\"news\",\"data\":\"" + index + "\"}").statusCode() == 200) {
                        acknowledged.add(index);
                    }
                } finally {
                    done.countDown();
                }
            }, i * PUBLISH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }
        assertThat(done.await(PUBLISHES * PUBLISH_EVERY_MILLIS + 20_000, TimeUnit.MILLISECONDS)).isTrue();
        return List.copyOf(acknowledged);
    }

    /** The stream's events up to the one whose data is {@code last}, at most {@code max}. */
    private static List<ParsedEvent> until(SseTestClient stream, String last, int max) {
        List<ParsedEvent> events = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            ParsedEvent event = stream.next();
            events.add(event);
            if (event.data().equals(last)) {
                return events;
            }
        }
        throw new AssertionError("no event \"" + last + "\" among the first " + max + ": " + events);
    }

    private static boolean isGapNotice(ParsedEvent event) {
        return event.type().equals("history-gone");
    }

    /**
     * Every acknowledged index either reached the stream, or lies between the last event received before a
     * {@code history-gone} notice and the first received after it; the events received are in order, each once.
     */
    private static void assertNothingSilentlyMissing(List<ParsedEvent> stream, List<Integer> acknowledged) {
        List<Integer> received = new ArrayList<>();
        List<Integer> noticeAfter = new ArrayList<>(); // for each notice, how many events were received before it
        for (ParsedEvent event : stream) {
            if (isGapNotice(event)) {
                noticeAfter.add(received.size());
            } else if (event.data().matches("[0-9]+")) {
                received.add(Integer.valueOf(event.data()));
            }
        }
        assertThat(received).as("in order, each once").isSorted().doesNotHaveDuplicates();
        for (int missing : acknowledged) {
            if (received.contains(missing)) {
                continue;
            }
            int before = (int) received.stream().filter(index -> index < missing).count();
            assertThat(noticeAfter).as("event " + missing + " was acknowledged, not received: a history-gone notice "
                    + "must sit where it is missing (after " + before + " events received)").contains(before);
        }
    }

    private static JsonNode dataOf(ParsedEvent event) throws Exception {
        return JSON.readTree(event.data());
    }

    private static String since(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("try") // a log captured only to keep it off the console
    @Test
    void inPubSubModeANodeWhoseSubscriptionIsCutTellsItsLiveStreamAndItsPolls() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (RunningServer a = pubSubNode();
             CapturedLog subscriberLog = CapturedLog.of(RedisChannelSubscriber.class);
             CapturedLog publishLog = CapturedLog.of(PublishService.class)) {
            Set<String> onA = pubSubConnections();
            try (RunningServer b = pubSubNode();
                 SseTestClient stream = SseTestClient.connect(b.uri("/stream?channel=news"))) {
                stream.nextRetry();
                assertThat(TestHttp.post(a.uri("/publish"), "{\"channel\":\"news\",\"data\":\"before\"}").statusCode()).isEqualTo(200);
                String before = stream.next().lastEventId();

                CountDownLatch over = cut(onA, timer);
                List<Integer> acknowledged = publishPaced(a);
                assertThat(over.await(10, TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                        TestHttp.post(b.uri("/publish"), "{\"channel\":\"probe\",\"data\":\"b is back\"}").statusCode() == 200);
                assertThat(TestHttp.post(a.uri("/publish"), "{\"channel\":\"news\",\"data\":\"final\"}").statusCode()).isEqualTo(200);

                List<ParsedEvent> events = until(stream, "final", PUBLISHES + 100);
                List<ParsedEvent> notices = events.stream().filter(SubscriptionGapIT::isGapNotice).toList();
                assertThat(notices).as("B's stream was told").isNotEmpty();
                for (ParsedEvent notice : notices) {
                    assertThat(dataOf(notice).get("channels").toString()).isEqualTo("[\"news\"]");
                }
                assertThat(acknowledged).as("A, whose subscription was spared, acknowledged every publish")
                        .hasSize(PUBLISHES);
                assertNothingSilentlyMissing(events, acknowledged);

                Polls.Answer fromBefore = Polls.poll(b.uri("/poll?channel=news&since=" + since(before)));
                assertThat(fromBefore.historyGone()).as("a poll from before the cut").isTrue();
                Polls.Answer fromNow = Polls.poll(b.uri("/poll?channel=news&since=" + since(stream.lastEventId())));
                assertThat(fromNow.historyGone()).as("a poll from where the told stream is").isFalse();
                assertThat(fromNow.events()).isEmpty();
            }
            subscriberLog.awaitMessageContaining("Redis subscription restored");
        } finally {
            timer.shutdownNow();
        }
    }

    @SuppressWarnings("try") // a log captured only to keep it off the console
    @Test
    void inPubSubModeARedisRestartIsToldAndFlaskSseMessagesAreNeverSilentlyLost() throws Exception {
        try (RunningServer a = pubSubNode();
             RunningServer b = pubSubNode();
             SseTestClient stream = SseTestClient.connect(b.uri("/stream?channel=news"));
             CapturedLog subscriberLog = CapturedLog.of(RedisChannelSubscriber.class);
             CapturedLog publishLog = CapturedLog.of(PublishService.class)) {
            stream.nextRetry();
            assertThat(TestHttp.post(a.uri("/publish"), "{\"channel\":\"news\",\"data\":\"before\"}").statusCode()).isEqualTo(200);
            String before = stream.next().lastEventId();

            redis.server().stop();
            subscriberLog.awaitMessageContaining("lost the Redis subscription connection");
            redis.server().startAgain();
            // flask-sse writes straight to Redis: whether B has subscribed again yet is a race, which is the point.
            List<Integer> acknowledged = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                join(redis.client().send(Request.cmd(Command.PUBLISH).arg("news").arg("{\"data\": \"" + i + "\"}")).toCompletionStage());
                acknowledged.add(i);
            }
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                    TestHttp.post(a.uri("/publish"), "{\"channel\":\"news\",\"data\":\"final\"}").statusCode() == 200);

            List<ParsedEvent> events = until(stream, "final", 20);
            assertThat(events).as("B's stream was told").anyMatch(SubscriptionGapIT::isGapNotice);
            assertNothingSilentlyMissing(events, acknowledged);
            assertThat(Polls.poll(b.uri("/poll?channel=news&since=" + since(before))).historyGone()).isTrue();
            subscriberLog.awaitMessageContaining("Redis subscription restored");
        }
    }

    @SuppressWarnings("try") // a log captured only to keep it off the console
    @Test
    void inStreamsModeACutMissesNothingAndTellsNothing() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (RunningServer a = streamsNode();
             CapturedLog subscriberLog = CapturedLog.of(RedisChannelSubscriber.class);
             CapturedLog publishLog = CapturedLog.of(PublishService.class);
             CapturedLog feedLog = CapturedLog.of("dev.herald.redis.streams.LiveFeed")) {
            Set<String> onA = pubSubConnections();
            try (RunningServer b = streamsNode();
                 SseTestClient stream = SseTestClient.connect(b.uri("/stream?channel=news"))) {
                stream.nextRetry();
                assertThat(TestHttp.post(a.uri("/publish"), "{\"channel\":\"news\",\"data\":\"before\"}").statusCode()).isEqualTo(200);
                String before = stream.next().lastEventId();

                CountDownLatch over = cut(onA, timer);
                List<Integer> acknowledged = publishPaced(a);
                assertThat(over.await(10, TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                        TestHttp.post(a.uri("/publish"), "{\"channel\":\"news\",\"data\":\"final\"}").statusCode() == 200);

                List<ParsedEvent> events = until(stream, "final", PUBLISHES + 10);
                assertThat(events).noneMatch(SubscriptionGapIT::isGapNotice);
                assertThat(events.stream().map(ParsedEvent::data).filter(data -> data.matches("[0-9]+")).map(Integer::valueOf))
                        .as("Redis kept what B missed: every acknowledged event, in order").containsExactlyElementsOf(acknowledged);
                assertThat(Polls.poll(b.uri("/poll?channel=news&since=" + since(before))).historyGone()).isFalse();
            }
            feedLog.awaitMessageContaining("caught up after the Redis outage");
            subscriberLog.awaitMessageContaining("Redis subscription restored");
        } finally {
            timer.shutdownNow();
        }
    }

    @SuppressWarnings("try") // a log captured only to keep it off the console
    @Test
    void inStreamsModeARedisRestartWithoutPersistenceIsToldToTheLiveStream() throws Exception {
        try (RunningServer a = streamsNode();
             RunningServer b = streamsNode();
             SseTestClient stream = SseTestClient.connect(b.uri("/stream?channel=news"));
             CapturedLog subscriberLog = CapturedLog.of(RedisChannelSubscriber.class);
             CapturedLog publishLog = CapturedLog.of(PublishService.class);
             CapturedLog feedLog = CapturedLog.of("dev.herald.redis.streams.LiveFeed")) {
            stream.nextRetry();
            assertThat(TestHttp.post(a.uri("/publish"), "{\"channel\":\"news\",\"data\":\"before\"}").statusCode()).isEqualTo(200);
            String before = stream.next().lastEventId();

            redis.server().stop();
            subscriberLog.awaitMessageContaining("lost the Redis subscription connection");
            redis.server().startAgain();
            feedLog.awaitMessageContaining("Redis lost events this node had not delivered");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                    TestHttp.post(a.uri("/publish"), "{\"channel\":\"news\",\"data\":\"after\"}").statusCode() == 200);

            ParsedEvent notice = stream.next();
            assertThat(notice.type()).isEqualTo("history-gone");
            assertThat(dataOf(notice).get("channels").toString()).isEqualTo("[\"news\"]");
            assertThat(stream.next().data()).isEqualTo("after");
            assertThat(Polls.poll(b.uri("/poll?channel=news&since=" + since(before))).historyGone()).isTrue();
            assertThat(Polls.poll(b.uri("/poll?channel=news&since=" + since(stream.lastEventId()))).historyGone()).isFalse();
        }
    }
}
