package dev.herald.redis;

import dev.herald.publish.IdempotencyStore;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The idempotency keys of every node of one Redis: {@code SET herald:idempotency:<key> "" NX PX <window>} claims a
 * key (the empty value: in flight), {@code SET ... <id> XX PX <window>} records its id, {@code DEL} releases it. The
 * {@code NX} makes two nodes racing for one key agree on which publishes. Redis's own expiry forgets the keys.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {

    /** Before every key, so Herald's keys are told apart from the application's. */
    public static final String PREFIX = "herald:idempotency:";

    private final RedisCommands commands;

    public RedisIdempotencyStore(RedisCommands commands) {
        this.commands = commands;
    }

    @Override
    public CompletionStage<Claim> claim(String key, Duration window) {
        String stored = PREFIX + key;
        return commands.send(Request.cmd(Command.SET).arg(stored).arg("").arg("NX").arg("PX").arg(window.toMillis()))
                .compose(set -> {
                    if (set != null) {
                        return io.vertx.core.Future.<Claim>succeededFuture(new Claim.Claimed());
                    }
                    return commands.send(Request.cmd(Command.GET).arg(stored)).map(RedisIdempotencyStore::held);
                })
                .toCompletionStage();
    }

    /** What a held key's value says; a key that expired between the SET and the GET is taken as in flight. */
    private static Claim held(Response value) {
        String id = value == null ? "" : value.toString();
        return id.isEmpty() ? new Claim.InFlight() : new Claim.Replay(id);
    }

    @Override
    public CompletionStage<Void> complete(String key, String id, Duration window) {
        return commands.send(Request.cmd(Command.SET).arg(PREFIX + key).arg(id).arg("XX").arg("PX").arg(window.toMillis()))
                .<Void>mapEmpty().toCompletionStage();
    }

    @Override
    public CompletionStage<Void> release(String key) {
        return commands.send(Request.cmd(Command.DEL).arg(PREFIX + key)).<Void>mapEmpty().toCompletionStage();
    }
}
