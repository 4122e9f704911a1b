package dev.herald.vertx;

import dev.herald.serve.Refused;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.JsonBody;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.StreamResetException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON in and out for the HTTP routes: reads a JSON object body with the checks every endpoint shares,
 * and answers {@code {"status":"error","message":"..."}} with the right status for anything that fails.
 */
public final class JsonHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(JsonHttp.class);

    private JsonHttp() {
    }

    /**
     * Reads request bodies up to {@code limitBytes}; a larger one fails with 413. Form attributes are not merged into
     * the query parameters: merging decodes the query at the end of the body, outside any route, where a malformed
     * percent-encoding ({@code ?channel=%zz} with a form content type) threw and left the request unanswered (found
     * by HostileInputIT). Herald reads form bodies itself when it takes them.
     */
    public static BodyHandler bodyHandler(long limitBytes) {
        return BodyHandler.create(false).setBodyLimit(limitBytes).setMergeFormAttributes(false);
    }

    /**
     * Mounts {@code handler} for {@code POST path}, after a body handler of {@code bodyLimitBytes} (413 beyond) and
     * with {@link #failureHandler}, and answers 405 for any other method on that path.
     */
    public static void mountPost(Router router, String path, long bodyLimitBytes, Handler<RoutingContext> handler) {
        router.post(path)
                .handler(bodyHandler(bodyLimitBytes))
                .handler(handler)
                .failureHandler(failureHandler(bodyLimitBytes));
        router.route(path).handler(methodNotAllowed("POST"));
    }

    /**
     * The request body as a JSON object.
     *
     * @throws HttpProblem 415 when the content type is not JSON, 400 when the body is not a JSON object
     */
    public static ObjectNode readObject(RoutingContext ctx) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (!isJson(contentType)) {
            throw new HttpProblem(415, JsonBody.notJsonMessage(contentType));
        }
        return parseObject(rawBody(ctx));
    }

    /**
     * The request body's bytes as received, empty when there is none: what a webhook signature is computed over (JSON
     * parsed and written again would not match).
     */
    public static byte[] rawBody(RoutingContext ctx) {
        Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
        return raw == null ? new byte[0] : raw.getBytes();
    }

    /**
     * Bytes read as a JSON object, whatever the content type said.
     *
     * @throws HttpProblem 400 when they are empty or not a JSON object
     */
    public static ObjectNode parseObject(byte[] raw) {
        try {
            return JsonBody.readObject(raw);
        } catch (InvalidRequestException invalid) {
            throw new HttpProblem(400, invalid.getMessage());
        }
    }

    /** Answers with a status and a JSON body; its {@code status} field, if any, comes first. */
    public static void send(RoutingContext ctx, int status, Map<String, ?> fields) {
        send(ctx.response(), status, fields);
    }

    /**
     * Answers {@code {"status":"error","message":...}} on a response no router handles: a request the server refuses
     * before routing, or one Netty could not decode.
     */
    public static void sendError(HttpServerResponse response, int status, String message) {
        send(response, status, Map.of("status", "error", "message", message));
    }

    private static void send(HttpServerResponse response, int status, Map<String, ?> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (fields.containsKey("status")) {
            body.put("status", fields.get("status"));
        }
        body.putAll(fields);
        try {
            response
                    .setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Refused.JSON_CONTENT_TYPE)
                    .end(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reply that cannot be written as JSON: " + body, e);
        }
    }

    /** Answers {@code {"status":"error","message":...}}. */
    public static void sendError(RoutingContext ctx, int status, String message) {
        if (!ctx.response().headWritten()) {
            send(ctx, status, Map.of("status", "error", "message", message));
        } else if (!ctx.response().ended()) {
            ctx.response().reset();
        }
    }

    /** Answers a refusal of the serving core: its status, its headers and {@code {"status":"error","message":...}}. */
    public static void send(RoutingContext ctx, Refused refused) {
        if (!ctx.response().headWritten()) {
            refused.headers().forEach(ctx.response()::putHeader);
        }
        sendError(ctx, refused.status(), refused.message());
    }

    /** A route handler that answers 405 for methods other than the ones allowed on that path. */
    public static Handler<RoutingContext> methodNotAllowed(String allowed) {
        return ctx -> send(ctx, Refused.methodNotAllowed(ctx.request().method().name(), allowed));
    }

    /**
     * A failure handler that turns any failure of a route into a JSON error, never a stack trace; a request whose
     * connection closed before it was read is no one's error and is dropped without a word.
     */
    public static Handler<RoutingContext> failureHandler(long bodyLimitBytes) {
        return ctx -> {
            Throwable failure = ctx.failure();
            if (failure instanceof HttpProblem problem) {
                sendError(ctx, problem.status(), problem.getMessage());
            } else if (failure instanceof HttpClosedException || failure instanceof StreamResetException) {
                // the client left before its request was read, closing its connection or (HTTP/2) resetting its
                // stream, or was cut off for being too slow: no one to answer
            } else if (ctx.statusCode() == 413) {
                send(ctx, Refused.bodyTooLarge(bodyLimitBytes));
            } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
                sendError(ctx, ctx.statusCode(), HttpResponseStatus.valueOf(ctx.statusCode()).reasonPhrase());
            } else {
                LOG.error("request " + ctx.request().method() + " " + ctx.request().path()
                        + " failed", failure);
                sendError(ctx, 500, "Internal error; the server log has the details");
            }
        };
    }

    /**
     * Makes a top-level router answer the failures it meets before any route does as JSON errors: 404 (no route),
     * 405 (no route for the method), 400 (a request Vert.x cannot read, such as a path with a malformed
     * percent-encoding) and 500 (logged once here; the client gets no stack trace).
     */
    public static void answerRouterErrors(Router root) {
        root.errorHandler(404, ctx -> sendError(ctx, 404, "Nothing at " + ctx.request().path()));
        root.errorHandler(405, ctx -> sendError(ctx, 405, "Method " + ctx.request().method() + " is not allowed here"));
        root.errorHandler(400, ctx -> sendError(ctx, 400, ctx.failure() instanceof IllegalArgumentException malformed
                ? "the request cannot be read: " + malformed.getMessage()
                : "Bad request"));
        root.errorHandler(500, ctx -> {
            LOG.error("request " + ctx.request().method() + " " + ctx.request().path()
                    + " failed", ctx.failure());
            sendError(ctx, 500, "Internal error; the server log has the details");
        });
    }

    /** Whether a Content-Type header names JSON: {@code application/json} or any {@code application/*+json}, with any parameters. */
    public static boolean isJson(String contentType) {
        return JsonBody.isJson(contentType);
    }

    /** The media type of a Content-Type header, lower case and without parameters; empty for none. */
    public static String mediaTypeOf(String contentType) {
        return JsonBody.mediaTypeOf(contentType);
    }
}
