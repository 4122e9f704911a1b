package dev.herald.redis.cstreams;

import dev.herald.redis.RedisCommands;
import dev.herald.redis.RedisScript;
import dev.herald.redis.cluster.ClusterCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The partitioned broker's command connections: on a cluster one kept cluster connection ({@link ClusterCommands}: a
 * connection per request would starve on the per-node pools), on one Redis a pooled connection per request
 * ({@link RedisCommands}). Every request names keys of one slot.
 */
interface Commands extends AutoCloseable {

    Future<Response> send(Request request);

    /**
     * Runs a script by its SHA-1 ({@code EVALSHA}), and by its text once when Redis does not know it ({@code NOSCRIPT}:
     * a restarted or promoted master, or {@code SCRIPT FLUSH}; a script Redis did not know never ran).
     */
    default Future<Response> run(RedisScript.Call call) {
        return send(call.bySha()).recover(error -> error.getMessage() != null && error.getMessage().startsWith("NOSCRIPT")
                ? send(call.byText())
                : Future.failedFuture(error));
    }

    @Override
    void close();

    static Commands of(Vertx vertx, RedisOptions options) {
        if (options.getType() == RedisClientType.CLUSTER) {
            ClusterCommands cluster = new ClusterCommands(vertx, Redis.createClient(vertx, options));
            return new Commands() {
                @Override
                public Future<Response> send(Request request) {
                    return cluster.send(request);
                }

                @Override
                public void close() {
                    cluster.close();
                }
            };
        }
        RedisCommands single = new RedisCommands(vertx, options);
        return new Commands() {
            @Override
            public Future<Response> send(Request request) {
                return single.send(request);
            }

            @Override
            public void close() {
                single.close();
            }
        };
    }
}
