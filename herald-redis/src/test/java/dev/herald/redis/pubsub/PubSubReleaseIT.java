package dev.herald.redis.pubsub;

import dev.herald.broker.Broker;
import dev.herald.broker.BrokerContractSupport;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.PatternReleaseContract;
import dev.herald.broker.relay.RelayOptions;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.redis.testing.RedisServerProcess;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A Pub/Sub node lets go of a channel (and a pattern) a linger after its last listener, and a replay from before says
 * history gone, on a real Redis: {@code UNSUBSCRIBE} seen by {@code PUBSUB NUMSUB}, the other node played by a plain
 * {@code PUBLISH} of flask-sse's JSON.
 */
class PubSubReleaseIT extends BrokerContractSupport implements PatternReleaseContract {

    private static final Duration LINGER = Duration.ofMillis(200);
    private static final AtomicInteger ELSEWHERE = new AtomicInteger();

    private static RedisServerProcess redis;
    private static Vertx vertx;
    private static Redis raw;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.start();
        vertx = Vertx.vertx();
        raw = Redis.createClient(vertx, redis.url());
    }

    @AfterAll
    static void stopRedis() throws Exception {
        raw.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.close();
    }

    @Override
    protected Broker createBroker() {
        return join(RelayedBroker.start(new PubSubRelay(vertx, redis.url()), HistoryPolicy.defaults(),
                new RelayOptions(LINGER)));
    }

    @Override
    public Broker brokerUnderTest() {
        return broker;
    }

    /** flask-sse's message with an id, straight onto Redis; once a subscriber got it, until this node stored it. */
    @Override
    public void publishElsewhere(String channel, String data) {
        String id = "elsewhere-" + ELSEWHERE.incrementAndGet();
        Response receivers = redis(Request.cmd(Command.PUBLISH).arg(channel)
                .arg("{\"data\": \"" + data + "\", \"id\": \"" + id + "\"}"));
        if (receivers.toInteger() > 0) {
            Awaitility.await("this node stored " + id).atMost(PATIENCE).until(() ->
                    join(broker.latest(Set.of(channel), 1)).events().stream()
                            .anyMatch(event -> event.event().id().equals(id)));
        }
    }

    /** Until Redis no longer has a subscriber of the channel, or of any pattern (this node is the only one). */
    @Override
    public void awaitLetGo(String subscription) {
        Awaitility.await("Redis lets go of " + subscription).atMost(LINGER.multipliedBy(2).plus(PATIENCE)).until(() ->
                subscription.contains("*") ? redis(Request.cmd(Command.PUBSUB).arg("NUMPAT")).toInteger() == 0
                        : redis(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(subscription)).get(1).toInteger() == 0);
    }

    private static Response redis(Request request) {
        return join(raw.send(request).toCompletionStage());
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
    }
}
