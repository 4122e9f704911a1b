package dev.herald.server;

import dev.herald.clients.TrustedProxies;
import dev.herald.request.InvalidRequestException;
import dev.herald.serve.ForwardedRequest;
import dev.herald.serve.ServerRequest;
import dev.herald.vertx.VertxRequest;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one line per request of the application's port when its response ends or its connection closes (a
 * stream's when the stream closes, its duration the stream's lifetime), at info on the logger {@value #LOGGER}, which
 * {@code --access-log} turns on. The line says, and carries as key-value pairs (JSON fields in the json format),
 * the client address ({@code client}, the one the limits count by: {@link ForwardedRequest}'s behind trusted proxies,
 * the peer's when a trusted proxy's forwarding header cannot be read, as that request was refused), the
 * {@code method}, the {@code path} with its query (the value of any parameter named like a token or secret
 * redacted), the {@code status}, the body {@code bytes} sent and the {@code durationMs}.
 *
 * <p>Installed first on the router; while its logger is off it only asks the logger, once per request.
 */
final class AccessLog implements Handler<RoutingContext> {

    /** The logger of the access log, to route or silence it apart from the others. */
    static final String LOGGER = "dev.herald.access";

    /** What a redacted query value becomes. */
    static final String REDACTED = "REDACTED";

    /** A longer path and query is cut here: a request line may be 128 KiB ({@link HeraldServer}). */
    static final int MAX_PATH_CHARS = 2048;

    /** A query parameter whose name holds one of these has its value redacted ({@code access_token}). */
    private static final List<String> SECRET_NAMES = List.of("token", "secret", "password", "signature");

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final TrustedProxies trustedProxies;

    /** An access log naming clients as the limits do behind {@code trustedProxies}. */
    AccessLog(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (LOG.isInfoEnabled()) {
            long startedNanos = System.nanoTime();
            String client = clientOf(new VertxRequest(ctx));
            ctx.addEndHandler(ended -> log(ctx, client, startedNanos));
        }
        ctx.next();
    }

    private String clientOf(ServerRequest request) {
        try {
            return ForwardedRequest.of(trustedProxies, request).clientAddress();
        } catch (InvalidRequestException unreadable) {
            return request.peerAddress();
        }
    }

    private static void log(RoutingContext ctx, String client, long startedNanos) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String method = request.method().name();
        String path = pathOf(request.path(), request.query());
        int status = response.getStatusCode();
        long bytes = response.bytesWritten();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        LOG.atInfo().addKeyValue("client", client).addKeyValue("method", method).addKeyValue("path", path)
                .addKeyValue("status", status).addKeyValue("bytes", bytes).addKeyValue("durationMs", millis)
                .log(client + " " + method + " " + path + " " + status + " " + bytes + " bytes " + millis + " ms");
    }

    /** The raw path and query as logged: secret values redacted, cut at {@link #MAX_PATH_CHARS}. */
    static String pathOf(String path, String query) {
        String logged = query == null ? path : path + "?" + redact(query);
        return logged.length() <= MAX_PATH_CHARS ? logged
                : logged.substring(0, MAX_PATH_CHARS) + "...(" + (logged.length() - MAX_PATH_CHARS) + " more)";
    }

    /** A raw query with the value of each parameter named like a secret (its name decoded, in any case) redacted. */
    static String redact(String query) {
        StringJoiner redacted = new StringJoiner("&");
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            redacted.add(equals >= 0 && namesASecret(name) ? name + "=" + REDACTED : pair);
        }
        return redacted.toString();
    }

    private static boolean namesASecret(String rawName) {
        String name;
        try {
            name = URLDecoder.decode(rawName, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException malformed) {
            return true; // a name the log cannot read may be a token's: its value is not worth the risk
        }
        return SECRET_NAMES.stream().anyMatch(name::contains);
    }
}
