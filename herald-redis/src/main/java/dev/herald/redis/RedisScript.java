package dev.herald.redis;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), so a call sends the script's 40-character digest instead of its
 * text and Redis looks it up instead of hashing the text again; {@link RedisCommands#run} sends the text once
 * ({@code EVAL}, which also caches it) when Redis answers {@code NOSCRIPT} (a restarted Redis, or
 * {@code SCRIPT FLUSH}).
 *
 * @param name   the resource's name, for messages
 * @param text   the script
 * @param sha1   its SHA-1 in lower-case hex, as Redis names a cached script
 */
public record RedisScript(String name, String text, String sha1) {

    /** A call of this script: {@code arguments} appends the number of keys, the keys and the other arguments. */
    public record Call(RedisScript script, UnaryOperator<Request> arguments) {

        /** {@code EVALSHA sha1 numkeys key... arg...}. */
        public Request bySha() {
            return arguments.apply(Request.cmd(Command.EVALSHA).arg(script.sha1()));
        }

        /** {@code EVAL text numkeys key... arg...}. */
        public Request byText() {
            return arguments.apply(Request.cmd(Command.EVAL).arg(script.text()));
        }
    }

    /** The script in resource {@code name} beside class {@code owner}. */
    public static RedisScript load(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name + " beside " + owner.getName());
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new RedisScript(name, text, sha1Of(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A call with {@code arguments} (which appends the number of keys, the keys and the other arguments). */
    public Call call(UnaryOperator<Request> arguments) {
        return new Call(this, arguments);
    }

    private static String sha1Of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}
