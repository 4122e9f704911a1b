package dev.herald.redis.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broadcast;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerOutageContract;
import dev.herald.broker.PatternBrokerContract;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.relay.RelayOptions;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.redis.RedisChannelSubscriber;
import dev.herald.redis.testing.BrokerRedis;
import dev.herald.sse.SseEvent;
import dev.herald.testing.CapturedLog;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis Pub/Sub mode (a memory broker per node behind {@link PubSubRelay}) keeps the Broker contract on a real,
 * private redis-server, and speaks flask-sse's format both ways.
 */
class PubSubBrokerIT extends PatternBrokerContract implements BrokerOutageContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final BrokerRedis redis = new BrokerRedis();

    @Override
    protected Broker createBroker() {
        return connect();
    }

    /** The subscriber's log while an outage of the contract lasts: its warning is expected, and kept off the console. */
    private CapturedLog outage;

    @Override
    public Broker brokerUnderTest() {
        return broker;
    }

    /** Stops the redis-server, as a restart of Redis does; returns once the node lost its subscription connection. */
    @Override
    public void cutBackend() {
        outage = CapturedLog.of(RedisChannelSubscriber.class);
        redis.server().stop();
        outage.awaitMessageContaining("lost the Redis subscription connection");
    }

    /** Starts it again on its port; returns once the node publishes again, so it holds every channel again. */
    @Override
    public void restoreBackend() {
        redis.server().startAgain();
        try (CapturedLog log = outage) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                    join(broker.publish(new AdmittedEvent("outage-probe", SseEvent.of(null, "back")))) != null);
            log.awaitMessageContaining("Redis subscription restored");
        }
    }

    private static Broker connect() {
        return join(RelayedBroker.start(new PubSubRelay(redis.vertx(), redis.url()), HistoryPolicy.defaults()));
    }

    /** Another node on the same Redis, closed after the test. */
    private Broker node() {
        return redis.node(connect());
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private BlockingQueue<StoredEvent> listen(Broker broker, String channel) {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        join(broker.subscribe(channel, received::add));
        return received;
    }

    private void rawPublish(String channel, String message) {
        join(redis.raw().send(Request.cmd(Command.PUBLISH).arg(channel).arg(message)).toCompletionStage());
    }

    private long subscribersOf(String channel) {
        Response reply = join(redis.raw().send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel)).toCompletionStage());
        return reply.get(1).toLong();
    }


    @Test
    void aPatternOnOneNodeReceivesWhatAnotherNodePublishesOnChannelsItHasNotSeen() {
        BlockingQueue<StoredEvent> received = listen(broker, "orders.*");
        Broker other = node();

        join(other.publish(new AdmittedEvent("orders.eu", SseEvent.of(null, "1"))));
        join(other.publish(new AdmittedEvent("news", SseEvent.of(null, "x"))));
        join(other.publish(new AdmittedEvent("orders.us", SseEvent.of(null, "2"))));

        assertThat(dataOf(next(received, 2))).containsExactly("1", "2");
        assertNothingMoreArrives(received);
    }

    @Test
    void aMessageMatchedByAChannelAndSeveralPatternsIsStoredAndDeliveredOnceOnTheNode() {
        String before = join(broker.replay(Set.of("orders.*"), null)).headId();
        BlockingQueue<StoredEvent> byO = listen(broker, "o*");
        BlockingQueue<StoredEvent> byOrders = listen(broker, "orders.*");
        BlockingQueue<StoredEvent> byName = listen(broker, "orders.eu");

        rawPublish("orders.eu", "{\"data\": \"from python\"}");
        rawPublish("orders.us", "{\"data\": \"second\"}");

        assertThat(dataOf(next(byO, 2))).containsExactly("from python", "second");
        assertThat(dataOf(next(byOrders, 2))).containsExactly("from python", "second");
        assertThat(dataOf(List.of(next(byName)))).containsExactly("from python");
        assertNothingMoreArrives(byO);
        assertNothingMoreArrives(byOrders);
        assertNothingMoreArrives(byName);
        assertThat(dataOf(join(broker.replay(Set.of("o*"), before)).events())).containsExactly("from python", "second");
    }

    @Test
    void aPatternsOtherCharactersAreLiteralForRedisToo() {
        BlockingQueue<StoredEvent> received = listen(broker, "a?[b]\\*");

        rawPublish("aX[b]\\1", "{\"data\": \"not literal\"}");
        rawPublish("a?b\\1", "{\"data\": \"not literal either\"}");
        rawPublish("a?[b]\\1", "{\"data\": \"literal\"}");

        assertThat(next(received).event().data()).isEqualTo("literal");
        assertNothingMoreArrives(received);
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
        Broker node = node();
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        RedisConnection python = join(redis.raw().connect().toCompletionStage());
        python.handler(push -> {
            if ("message".equals(push.get(0).toString())) {
                messages.add(push.get(2).toString());
            }
        });
        join(python.send(Request.cmd(Command.SUBSCRIBE).arg("sse")).toCompletionStage());

        StoredEvent stored = join(node.publish(new AdmittedEvent("sse", SseEvent.of("notify", "{\"message\":\"Hi\"}"))));

        String message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        // flask-sse's Message(**json.loads(message)) streams a string data as it is: data:{"message":"Hi"}
        assertThat(message).isEqualTo("{\"data\":\"{\\\"message\\\":\\\"Hi\\\"}\",\"type\":\"notify\",\"id\":\""
                + stored.event().id() + "\"}");
        python.close();
    }

    @Test
    void anEventOnSeveralChannelsIsAnOrdinaryFlaskSseMessageOnEachAndOneEventOnAnotherNode() throws Exception {
        Broker publisher = node();
        Broker other = node();
        BlockingQueue<StoredEvent> onBoth = new LinkedBlockingQueue<>();
        join(other.subscribe("a", onBoth::add));
        join(other.subscribe("b", onBoth::add));
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        RedisConnection python = join(redis.raw().connect().toCompletionStage());
        python.handler(push -> {
            if ("message".equals(push.get(0).toString())) {
                messages.add(push.get(1) + " " + push.get(2));
            }
        });
        join(python.send(Request.cmd(Command.SUBSCRIBE).arg("b")).toCompletionStage());

        StoredEvent stored = join(publisher.broadcast(new Broadcast(List.of("a", "b"), SseEvent.of("notify", "x"))));

        assertThat(messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo("b {\"data\":\"x\",\"type\":\"notify\",\"id\":\"" + stored.event().id() + "\"}");
        StoredEvent onA = next(onBoth);
        StoredEvent onB = next(onBoth);
        assertThat(List.of(onA.channel(), onB.channel())).containsExactly("a", "b");
        assertThat(onB.sequence()).as("one event on the other node").isEqualTo(onA.sequence());
        assertThat(onB.event().id()).isEqualTo(stored.event().id());
        assertThat(join(other.replay(Set.of("a", "b"), null)).headSequence()).isEqualTo(onA.sequence());
        python.close();
    }

    @Test
    void aCorruptOrForeignMessageIsSkippedAndTheStreamGoesOn() throws Exception {
        BlockingQueue<StoredEvent> received = listen(node(), "sse");

        try (CapturedLog log = CapturedLog.of(RelayedBroker.class)) {
            rawPublish("sse", "not json at all");
            assertThat(log.awaitMessage()).contains("not valid JSON");
            rawPublish("sse", "{\"event\": \"someone else's format\"}");
            assertThat(log.awaitMessage()).contains("no field \"event\"");
            rawPublish("sse", "{\"data\": \"x\", \"type\": \"a\\nid: 1\"}");
            assertThat(log.awaitMessage()).contains("type must not contain CR or LF");
            rawPublish("sse", "{\"data\": \"x\", \"id\": \"12-34\"}");
            assertThat(log.awaitMessage()).contains("12-34");
        }
        rawPublish("sse", "{\"data\": \"after the noise\"}");

        assertThat(next(received).event().data()).isEqualTo("after the noise");
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aNodeHoldsOneRedisSubscriptionPerChannelWhateverItsListeners() throws Exception {
        // A short linger: the node lets go of the channel 200 ms after its last listener (RelayedBrokerReleaseTest).
        Broker node = redis.node(join(RelayedBroker.start(new PubSubRelay(redis.vertx(), redis.url()),
                HistoryPolicy.defaults(), new RelayOptions(Duration.ofMillis(200)))));
        BrokerSubscription first = join(node.subscribe("shared", event -> { }));
        BrokerSubscription second = join(node.subscribe("shared", event -> { }));
        assertThat(subscribersOf("shared")).isEqualTo(1);

        first.cancel();
        assertThat(subscribersOf("shared")).isEqualTo(1);
        second.cancel();
        Awaitility.await().atMost(WAIT).until(() -> subscribersOf("shared") == 0);
    }

    @Test
    void everyNodeReceivesEveryEventInOrder() throws Exception {
        Broker a = node();
        Broker b = node();
        BlockingQueue<StoredEvent> onA = listen(a, "news");
        BlockingQueue<StoredEvent> onB = listen(b, "news");

        for (int i = 0; i < 50; i++) {
            join(a.publish(new AdmittedEvent("news", SseEvent.of("n", Integer.toString(i)))));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(next(onA).event().data()).isEqualTo(Integer.toString(i));
            assertThat(next(onB).event().data()).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void whileRedisIsDownPublishingFailsAndAfterItReturnsEverythingResumes() throws Exception {
        Broker node = node();
        BlockingQueue<StoredEvent> received = listen(node, "sse");

        try (CapturedLog log = CapturedLog.of(RedisChannelSubscriber.class)) {
            redis.server().stop();
            // Both nodes of this test (the contract's and this one) lose their connection; then neither may publish.
            log.awaitMessageContaining("lost the Redis subscription connection");
            log.awaitMessageContaining("lost the Redis subscription connection");
            assertThatThrownBy(() -> join(node.publish(new AdmittedEvent("sse", SseEvent.of("t", "lost")))))
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(BrokerUnavailableException.class);

            redis.server().startAgain();
            // Publishing is refused until the node holds its channels again, then accepted.
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> join(node.publish(new AdmittedEvent("sse", SseEvent.of("t", "after the outage")))) != null);
            log.awaitMessageContaining("Redis subscription restored");
        }
        assertThat(next(received).event().data()).isEqualTo("after the outage");
        assertNothingMoreArrives(received);
    }
}
