package dev.herald.server;

import dev.herald.options.OptionChecks;
import dev.herald.vertx.JsonHttp;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deadlines of {@link TimeoutOptions}, kept with Vert.x timers: a new connection must deliver a complete request
 * head within the request timeout (slowloris), a request its body within the request timeout of its head, and a
 * connection with no request in progress is closed once idle for the idle timeout. A stream is a request in progress
 * until it ends, so no deadline runs while it is open.
 *
 * <p>Install it as the server's connection handler ({@link #opened}) and as the first handler of the root router,
 * which sees every request head as it arrives. Vert.x reports a connection only once it knows its protocol: at once for
 * HTTP/1.1 without TLS, but after the TLS handshake and, for HTTP/2, after the client's preface, and with h2c after the
 * first bytes tell HTTP/1.1 from HTTP/2. Until then the server's Netty idle handler, set to the request timeout, closes
 * a connection that sends nothing; {@link #opened} removes it, since it would cut a quiet stream, and the watch takes
 * over.
 *
 * <p>On HTTP/2 a connection carries many requests at once (streams): it is idle only when none is in progress, and a
 * late body is answered 408 and its stream reset, without closing the connection that other streams share.
 *
 * <p>Threads: a connection's {@link Watch} is used only on that connection's event loop, where its connection handler,
 * its requests' handlers and the timers it sets all run. The map from connection to watch is concurrent because the
 * loops of a server share it.
 */
final class ConnectionDeadlines implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final TimeoutOptions timeouts;
    private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

    ConnectionDeadlines(Vertx vertx, TimeoutOptions timeouts) {
        this.vertx = vertx;
        this.timeouts = timeouts;
    }

    /** A connection was accepted: its first request head is due within the request timeout. */
    void opened(HttpConnection connection) {
        removeIdleHandler(connection);
        Watch watch = new Watch(connection);
        watches.put(connection, watch);
        connection.closeHandler(closed -> {
            watches.remove(connection);
            watch.closed();
        });
        watch.awaitHead(timeouts.requestTimeout().toMillis());
    }

    /** A request head arrived. */
    @Override
    public void handle(RoutingContext ctx) {
        Watch watch = watches.get(ctx.request().connection());
        if (watch != null) {
            watch.started(ctx);
        }
        ctx.next();
    }

    /**
     * Removes Netty's idle handler, which guarded the connection until Vert.x reported it. Vert.x offers no public way
     * to change a connection's idle timeout, so this reaches its channel through {@code ConnectionBase}, the class every
     * Vert.x connection extends; {@code TimeoutsIT} and {@code Http2LimitsIT} fail if that changes.
     */
    private static void removeIdleHandler(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channel().pipeline();
            if (pipeline.get(IdleStateHandler.class) != null) {
                pipeline.remove(IdleStateHandler.class);
            }
        }
    }

    /**
     * Whether a body is to come. Only then does Vert.x (5.1) report the end of a request to {@code end()} whatever the
     * handlers do: the end of a request without content reaches only handlers that asked for its data.
     */
    private static boolean declaresBody(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return !request.isEnded(); // HTTP/2 frames the body; a request without one ends with its headers
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !length.trim().equals("0"));
    }

    /** Which requests one connection has in progress, and the timer for its next head. */
    private final class Watch {
        private final HttpConnection connection;
        private int inProgress;
        private long headTimer = -1;
        private boolean closed;

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        /** No response is due when no head arrived: the connection is just closed. */
        void awaitHead(long millis) {
            cancelHeadTimer();
            headTimer = vertx.setTimer(millis, id -> {
                headTimer = -1;
                connection.close();
            });
        }

        void started(RoutingContext ctx) {
            inProgress++;
            cancelHeadTimer();
            HttpServerRequest request = ctx.request();
            if (declaresBody(request) && !request.isEnded()) {
                long bodyTimer = vertx.setTimer(timeouts.requestTimeout().toMillis(), id -> bodyLate(ctx));
                request.end().onComplete(received -> vertx.cancelTimer(bodyTimer));
            }
            ctx.addEndHandler(ended -> {
                inProgress--;
                if (inProgress == 0 && !closed) {
                    awaitHead(timeouts.idleTimeout().toMillis());
                }
            });
        }

        /**
         * 408 when nothing was answered yet, then the connection is closed (HTTP/1.1) or the stream reset (HTTP/2): the
         * rest of the body is not waited for.
         */
        private void bodyLate(RoutingContext ctx) {
            boolean http2 = ctx.request().version() == HttpVersion.HTTP_2;
            // On HTTP/2 only this request's stream is given up (RST_STREAM NO_ERROR after the answer, as RFC 9113
            // 8.1 allows): the connection carries other streams.
            Runnable giveUp = http2 ? () -> ctx.response().reset() : connection::close;
            if (ctx.response().headWritten()) {
                giveUp.run();
                return;
            }
            if (http2) {
                // once the answer's last frame is on the wire: a reset at its end would discard what is still queued
                ctx.response().bodyEndHandler(written -> giveUp.run());
            } else {
                ctx.addEndHandler(answered -> giveUp.run());
                ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
            JsonHttp.sendError(ctx, 408, "The request body did not arrive within "
                    + OptionChecks.format(timeouts.requestTimeout()) + " of its head");
        }

        void closed() {
            closed = true;
            cancelHeadTimer();
        }

        private void cancelHeadTimer() {
            if (headTimer != -1) {
                vertx.cancelTimer(headTimer);
                headTimer = -1;
            }
        }
    }
}
