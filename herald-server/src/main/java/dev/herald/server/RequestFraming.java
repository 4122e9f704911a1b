package dev.herald.server;

import dev.herald.vertx.JsonHttp;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The door of the application's port, before any route: an HTTP/1.x request whose body length is ambiguous (RFC 9112
 * 6.3) is answered 400 and its connection closed, and a request Netty could not decode gets a JSON answer instead of
 * Vert.x's empty one.
 *
 * <p>Why at the door: a request framed one way by Herald and another by a proxy in front of it is how a request is
 * smuggled. Netty reads a body by its {@code Content-Length} whenever the final transfer coding is not exactly
 * {@code chunked} ({@code xchunked}, {@code gzip}, {@code chunked;q=1}), where a proxy may read it as chunked; the
 * bytes after are then a second request only one of them sees. Nothing of such a request is read on: the connection is
 * closed after the answer, so neither its body nor what follows it is ever taken as a request.
 *
 * <p>Two shapes cannot be seen here, since Netty has already rewritten them: {@code Transfer-Encoding: chunked} with a
 * {@code Content-Length} and obsolete line folding. {@link StrictRequestDecoder} fails their decoding instead, as
 * several {@code Content-Length} values fail Netty's; all three reach {@link #invalidRequest} as a 400.
 */
final class RequestFraming implements Handler<HttpServerRequest> {

    private static final String CHUNKED = "chunked";

    private final Handler<HttpServerRequest> next;
    private final HttpServerOptions options;
    /**
     * Connections answered 400 and closing. Vert.x may still hand over a request pipelined behind the refused one
     * before the connection is gone; it is dropped unanswered, never routed. Weak keys: a closed connection leaves on
     * its own. Confined to the listener's event loop, where its connections and their requests are handled.
     */
    private final Set<HttpConnection> refused = Collections.newSetFromMap(new WeakHashMap<>());

    private RequestFraming(Handler<HttpServerRequest> next, HttpServerOptions options) {
        this.next = next;
        this.options = options;
    }

    /**
     * Installs the guard on {@code server}, before {@code routes}: its connection handler (a
     * {@link StrictRequestDecoder} on each HTTP/1.x connection, then {@code connections}), its request handler and its
     * invalid-request handler. One per server, used on that server's event loop only.
     */
    static HttpServer install(HttpServer server, HttpServerOptions options, Handler<HttpConnection> connections,
                              Handler<HttpServerRequest> routes) {
        RequestFraming framing = new RequestFraming(routes, options);
        return server.connectionHandler(connection -> {
                    StrictRequestDecoder.replaceOn(connection, options);
                    connections.handle(connection);
                })
                .invalidRequestHandler(framing::invalidRequest)
                .requestHandler(framing);
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (refused.contains(request.connection())) {
            return;
        }
        String problem = request.version() == HttpVersion.HTTP_2 ? null : framingProblem(request);
        if (problem == null) {
            next.handle(request);
        } else {
            refuseAndClose(request, 400, problem);
        }
    }

    /** What makes the body's length ambiguous, or null when it is not. HTTP/2 frames bodies itself. */
    static String framingProblem(HttpServerRequest request) {
        List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (codings.isEmpty()) {
            return null;
        }
        if (request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            return "A request must not carry both Transfer-Encoding and Content-Length";
        }
        if (request.version() == HttpVersion.HTTP_1_0) {
            return "Transfer-Encoding is not allowed in an HTTP/1.0 request";
        }
        String all = String.join(",", codings);
        String last = all.substring(all.lastIndexOf(',') + 1).trim();
        if (!last.toLowerCase(Locale.ROOT).equals(CHUNKED)) {
            return "The final transfer coding must be chunked, not '" + last + "'";
        }
        return null;
    }

    /**
     * The server's invalid-request handler: Netty could not decode the request's head, so Vert.x never routes it. The
     * status follows Vert.x's default handler (414 for a request line over {@code maxInitialLineLength}, 431 for headers
     * over {@code maxHeaderSize}, 400 otherwise); the connection is closed, since where the next request starts is
     * unknown.
     */
    void invalidRequest(HttpServerRequest request) {
        if (refused.contains(request.connection())) {
            return;
        }
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            refuseAndClose(request, 414, "The request line is longer than " + options.getMaxInitialLineLength()
                    + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            refuseAndClose(request, 431, "The request's headers are larger than " + options.getMaxHeaderSize()
                    + " bytes");
        } else {
            refuseAndClose(request, 400, "The request cannot be parsed"
                    + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }

    /**
     * Answers, then closes the connection at once: on HTTP/1.x a request pipelined behind this one must never be
     * taken for one.
     */
    private void refuseAndClose(HttpServerRequest request, int status, String message) {
        refused.add(request.connection());
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        JsonHttp.sendError(request.response(), status, message);
        request.connection().close();
    }
}
