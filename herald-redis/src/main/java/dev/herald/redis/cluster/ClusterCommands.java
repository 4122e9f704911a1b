package dev.herald.redis.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's command connection to a Redis Cluster: one cluster connection ({@link Redis#connect} of a {@code CLUSTER}
 * client), kept open, over which every request is pipelined to the master of its key; the library routes by its slot
 * map and follows {@code MOVED} and {@code ASK}.
 *
 * <p>Why not a connection per request, as {@link dev.herald.redis.RedisCommands} lends on one Redis: a cluster
 * connection takes a pooled connection to every node at once, so concurrent requests, each holding some nodes' pooled
 * connections while waiting for the others', starve one another: measured here, 64 publishes in flight got 55 a
 * second. When any node's connection fails or ends (a master died), the cluster connection is dropped and the next
 * request connects again with the library's fresh slot map; until the cluster is whole again, requests fail, and
 * their callers answer 503.
 *
 * <p>Confined to one Vert.x context: requests hop onto it.
 */
public final class ClusterCommands implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCommands.class);

    private final Context context;
    private final Redis client;
    // confined to context
    private Future<RedisConnection> connection;
    private boolean closed;

    /** Requests over {@code client}, a {@code CLUSTER} client of its own; it connects on the first request. */
    public ClusterCommands(Vertx vertx, Redis client) {
        this.context = vertx.getOrCreateContext();
        this.client = client;
    }

    /** Sends one request to the master of its key; fails when the cluster cannot take it. */
    public Future<Response> send(Request request) {
        Promise<Response> answer = Promise.promise();
        context.runOnContext(ignored -> {
            if (closed) {
                answer.fail("the Redis Cluster connection is closed");
                return;
            }
            connection().compose(conn -> conn.send(request)).onComplete(answer);
        });
        return answer.future();
    }

    private Future<RedisConnection> connection() {
        if (connection == null || connection.failed()) {
            Future<RedisConnection> connecting = client.connect();
            connection = connecting;
            connecting.onSuccess(conn -> {
                conn.exceptionHandler(error -> context.runOnContext(ignored -> drop(connecting, error.getMessage())));
                conn.endHandler(ended -> context.runOnContext(ignored -> drop(connecting, "a node's connection ended")));
            });
        }
        return connection;
    }

    private void drop(Future<RedisConnection> failed, String reason) {
        if (connection != failed) {
            return;
        }
        connection = null;
        failed.onSuccess(RedisConnection::close);
        LOG.atDebug().log(() -> "a Redis Cluster command connection failed (" + reason + "); the next request connects again");
    }

    @Override
    public void close() {
        context.runOnContext(ignored -> {
            closed = true;
            if (connection != null) {
                connection.onSuccess(RedisConnection::close);
                connection = null;
            }
            client.close();
        });
    }
}
