package dev.herald.redis.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.StoredEvent;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.sse.SseEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Pub/Sub broker against a real, private redis-server, speaking flask-sse's format both ways. */
class PubSubBrokerIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisServerProcess redis;
    private Vertx vertx;
    private Redis raw;
    private final List<PubSubBroker> brokers = new ArrayList<>();

    @BeforeEach
    void start() {
        redis = RedisServerProcess.start();
        vertx = Vertx.vertx();
        raw = Redis.createClient(vertx, redis.url());
    }

    @AfterEach
    void stop() throws Exception {
        brokers.forEach(PubSubBroker::close);
        raw.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.close();
    }

    private PubSubBroker node() {
        PubSubBroker broker = join(PubSubBroker.connect(vertx, redis.url(), HistoryPolicy.defaults()).toCompletionStage());
        brokers.add(broker);
        return broker;
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private BlockingQueue<StoredEvent> listen(PubSubBroker broker, String channel) {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        join(broker.subscribe(channel, received::add));
        return received;
    }

    private void rawPublish(String channel, String message) {
        join(raw.send(Request.cmd(Command.PUBLISH).arg(channel).arg(message)).toCompletionStage());
    }

    private long subscribersOf(String channel) {
        Response reply = join(raw.send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel)).toCompletionStage());
        return reply.get(1).toLong();
    }

    private static StoredEvent next(BlockingQueue<StoredEvent> queue) throws InterruptedException {
        StoredEvent event = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("an event within " + WAIT).isNotNull();
        return event;
    }

    @Test
    void aMessageThatFlaskSsePublishesReachesHeraldAsTheSameEvent() throws Exception {
        BlockingQueue<StoredEvent> received = listen(node(), "sse");

        // exactly what flask-sse's sse.publish({"message": "Hello"}, type="notify", id=5, retry=2000) sends
        rawPublish("sse", "{\"data\": {\"message\": \"Hello\"}, \"type\": \"notify\", \"id\": 5, \"retry\": 2000}");
        rawPublish("sse", "{\"data\": \"plain\"}");

        assertThat(next(received).event()).isEqualTo(new SseEvent("5", "notify", "{\"message\": \"Hello\"}", 2000L));
        SseEvent plain = next(received).event();
        assertThat(plain.data()).isEqualTo("plain");
        assertThat(plain.type()).isNull();
        assertThat(plain.id()).as("an id from this node's order").matches("\\d+-\\d+");
    }

    @Test
    void anEventThatHeraldPublishesIsAFlaskSseMessage() throws Exception {
        PubSubBroker node = node();
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        RedisConnection python = join(raw.connect().toCompletionStage());
        python.handler(push -> {
            if ("message".equals(push.get(0).toString())) {
                messages.add(push.get(2).toString());
            }
        });
        join(python.send(Request.cmd(Command.SUBSCRIBE).arg("sse")).toCompletionStage());

        StoredEvent stored = join(node.publish("sse", SseEvent.of("notify", "{\"message\":\"Hi\"}")));

        String message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        // flask-sse's Message(**json.loads(message)) streams a string data as it is: data:{"message":"Hi"}
        assertThat(message).isEqualTo("{\"data\":\"{\\\"message\\\":\\\"Hi\\\"}\",\"type\":\"notify\",\"id\":\""
                + stored.event().id() + "\"}");
        python.close();
    }

    @Test
    void aCorruptOrForeignMessageIsSkippedAndTheStreamGoesOn() throws Exception {
        BlockingQueue<StoredEvent> received = listen(node(), "sse");

        rawPublish("sse", "not json at all");
        rawPublish("sse", "{\"event\": \"someone else's format\"}");
        rawPublish("sse", "{\"data\": \"x\", \"type\": \"a\\nid: 1\"}");
        rawPublish("sse", "{\"data\": \"after the noise\"}");

        assertThat(next(received).event().data()).isEqualTo("after the noise");
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aNodeHoldsOneRedisSubscriptionPerChannelWhateverItsListeners() throws Exception {
        PubSubBroker node = node();
        BrokerSubscription first = join(node.subscribe("shared", event -> { }));
        BrokerSubscription second = join(node.subscribe("shared", event -> { }));
        assertThat(subscribersOf("shared")).isEqualTo(1);

        first.cancel();
        assertThat(subscribersOf("shared")).isEqualTo(1);
        second.cancel();
        await().atMost(WAIT).until(() -> subscribersOf("shared") == 0);
    }

    @Test
    void everyNodeReceivesEveryEventInOrder() throws Exception {
        PubSubBroker a = node();
        PubSubBroker b = node();
        BlockingQueue<StoredEvent> onA = listen(a, "news");
        BlockingQueue<StoredEvent> onB = listen(b, "news");

        for (int i = 0; i < 50; i++) {
            join(a.publish("news", SseEvent.of("n", Integer.toString(i))));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(next(onA).event().data()).isEqualTo(Integer.toString(i));
            assertThat(next(onB).event().data()).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void whileRedisIsDownPublishingFailsAndAfterItReturnsEverythingResumes() throws Exception {
        PubSubBroker node = node();
        BlockingQueue<StoredEvent> received = listen(node, "sse");

        redis.stop();
        assertThatThrownBy(() -> join(node.publish("sse", SseEvent.of("t", "lost"))))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(BrokerUnavailableException.class);

        redis.startAgain();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> subscribersOf("sse") == 1);
        join(node.publish("sse", SseEvent.of("t", "after the outage")));
        assertThat(next(received).event().data()).isEqualTo("after the outage");
    }
}
