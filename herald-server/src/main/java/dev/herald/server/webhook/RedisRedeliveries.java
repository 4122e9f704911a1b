package dev.herald.server.webhook;

import dev.herald.redis.RedisClients;
import io.vertx.redis.client.RedisOptions;
import dev.herald.redis.RedisCommands;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The delivery ids of every node on one Redis: {@code SET herald:webhook:<webhook>:<id> 1 NX EX 86400} marks an id
 * for a day (the webhook being {@code github} or a Standard Webhook's name, which holds no colon), and only the node
 * whose {@code SET} wrote the key publishes, so two nodes behind a load balancer publish a redelivery once. A check that Redis does not answer within {@value #ANSWER_SECONDS} s fails (the webhook answers
 * 503) rather than risk publishing twice or dropping the event. Safe from any thread.
 */
public final class RedisRedeliveries implements Redeliveries {

    static final String KEY_PREFIX = "herald:webhook:";
    static final long REMEMBER_SECONDS = 86_400;
    static final long ANSWER_SECONDS = 5;

    private final RedisCommands redis;

    /** A client of its own on {@code redisUrl}; it connects at the first check. */
    public RedisRedeliveries(Vertx vertx, String redisUrl) {
        this(vertx, RedisClients.options(redisUrl));
    }

    /** Over the Redis (or Redis Cluster) of {@code options}: single-key commands only. */
    public RedisRedeliveries(Vertx vertx, RedisOptions options) {
        this.redis = new RedisCommands(vertx, options);
    }

    @Override
    public CompletionStage<Boolean> firstDelivery(String webhook, String id) {
        Request set = Request.cmd(Command.SET).arg(key(webhook, id)).arg("1").arg("NX").arg("EX").arg(REMEMBER_SECONDS);
        // SET NX answers OK when it wrote the key, nil when the key was there.
        return redis.send(set).map(reply -> reply != null).toCompletionStage().toCompletableFuture()
                .orTimeout(ANSWER_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<Void> forget(String webhook, String id) {
        return redis.send(Request.cmd(Command.DEL).arg(key(webhook, id))).<Void>mapEmpty().toCompletionStage()
                .toCompletableFuture().orTimeout(ANSWER_SECONDS, TimeUnit.SECONDS);
    }

    private static String key(String webhook, String id) {
        return KEY_PREFIX + webhook + ":" + id;
    }

    @Override
    public void close() {
        redis.close();
    }
}
