package dev.herald.server;

import dev.herald.redis.testing.RedisServerProcess;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers a contract suite runs against, on one {@link ServerBroker}, written once: a private redis-server when
 * the broker needs one, and the servers on it; closed newest first, the redis-server last.
 */
final class ServersOnBroker implements AutoCloseable {

    private final RedisServerProcess redis;
    private final List<RunningServer> servers = new ArrayList<>();

    private ServersOnBroker(RedisServerProcess redis) {
        this.redis = redis;
    }

    /**
     * Starts {@code onRedis} servers on {@code broker} when it needs a redis-server (so that they share it), else
     * one: two memory brokers share nothing.
     */
    static ServersOnBroker start(ServerBroker broker, int onRedis) {
        ServersOnBroker started = new ServersOnBroker(broker.needsRedis() ? RedisServerProcess.start() : null);
        int count = broker.needsRedis() ? onRedis : 1;
        for (int i = 0; i < count; i++) {
            started.servers.add(RunningServer.start(HeraldConfig.defaults().withBroker(broker.options(started.redis))));
        }
        return started;
    }

    /** The first server's base URI. */
    URI base() {
        return servers.get(0).uri("");
    }

    /** The last server's base URI: another node when there are several, else the first. */
    URI other() {
        return servers.get(servers.size() - 1).uri("");
    }

    @Override
    public void close() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
