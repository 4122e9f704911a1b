package dev.herald.vertx;

import dev.herald.auth.StreamPass;
import dev.herald.auth.TokenExpired;
import dev.herald.broker.ChannelNames;
import dev.herald.hub.Hub;
import dev.herald.hub.HubSubscription;
import dev.herald.limits.Limits;
import dev.herald.limits.ShedRetry;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.SseRoutesOptions;
import dev.herald.request.StreamRequest;
import dev.herald.sse.SseEncoder;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET .../stream}: opens an event stream on the channels named by {@code channel} query parameters
 * (default {@value ChannelNames#DEFAULT}), starting where {@link StreamRequest} reads (after the {@code Last-Event-ID}
 * header, or a query parameter for clients that cannot set headers, or {@code since}; or with the newest {@code rewind}
 * events). A stream naming a private channel is
 * admitted by {@link TokenAccess} and ends, after a {@value TokenExpired#TYPE} event, when its token expires.
 *
 * <p>A client address over its own limit of streams is refused with 429. A stream over the node's limit is shed
 * instead: a browser's {@code EventSource} gives up for good on any answer but a stream, so it gets one, holding only
 * a {@code retry} of 5 to 15 seconds, and the connection is closed; it comes back later, and not all at once.
 */
final class StreamHandler implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final Hub hub;
    private final SseRoutesOptions options;
    private final Limits limits;
    private final TokenAccess access;

    StreamHandler(Vertx vertx, Hub hub, SseRoutesOptions options, Limits limits, TokenAccess access) {
        this.vertx = vertx;
        this.hub = hub;
        this.options = options;
        this.limits = limits;
        this.access = access;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        MultiMap query = queryOf(request);
        StreamRequest asked;
        try {
            asked = StreamRequest.read(request.getHeader(StreamRequest.LAST_EVENT_ID_HEADER), query::getAll, options.maxChannels());
        } catch (InvalidRequestException invalid) {
            throw new HttpProblem(400, invalid.getMessage());
        }
        Set<String> channels = asked.channels();
        StreamPass pass = access.admitStream(ctx, channels);
        if (pass == null) {
            return; // answered 401 or 403
        }

        if (ctx.response().closed()) {
            return; // the client left while an earlier handler (an application's, say) waited: its end would never be seen
        }
        String address = ClientAddress.of(request);
        switch (limits.admitStream(address)) {
            case CLIENT_FULL -> JsonHttp.tooManyRequests(ctx, Limits.CLIENT_FULL_RETRY_AFTER_SECONDS,
                    limits.clientFullMessage("streams"));
            case NODE_FULL -> shed(ctx);
            case ADMITTED -> open(ctx, asked, address, pass);
        }
    }

    private void open(RoutingContext ctx, StreamRequest asked, String address, StreamPass pass) {
        HttpServerResponse response = streamHeaders(ctx.response()).setChunked(true);
        Context context = vertx.getOrCreateContext();
        ResponseSink sink = new ResponseSink(context, response, options.bufferLimitBytes());
        HubSubscription subscription;
        try {
            subscription = hub.subscribe(asked, sink);
        } catch (RuntimeException e) {
            limits.streamClosed(address);
            throw e;
        }
        long expiry = pass.privateChannels().isEmpty() ? -1 : expireAt(pass, subscription, sink);
        // Called on this loop when the response ends or its connection closes, possibly once for each.
        boolean[] counted = {true};
        ctx.addEndHandler(ended -> {
            subscription.cancel();
            if (expiry >= 0) {
                vertx.cancelTimer(expiry);
            }
            if (counted[0]) {
                counted[0] = false;
                limits.streamClosed(address);
            }
        });
    }

    /**
     * Ends a stream of private channels when its token expires, after a {@value TokenExpired#TYPE} event; returns the
     * timer. Runs on this request's loop, the sink's: the hub's writes and this one never interleave.
     */
    private long expireAt(StreamPass pass, HubSubscription subscription, ResponseSink sink) {
        long delayMillis = Math.max(1, Duration.between(Instant.now(), pass.expiresAt()).toMillis());
        return vertx.setTimer(delayMillis, fired -> {
            subscription.cancel();
            if (sink.offer(TokenExpired.frame(pass.privateChannels()))) {
                sink.flush();
            }
            sink.close();
        });
    }

    /** A stream of one {@code retry} field, then the end of the connection (see the class comment). */
    private static void shed(RoutingContext ctx) {
        HttpServerResponse response = streamHeaders(ctx.response());
        boolean http1 = ctx.request().version() != HttpVersion.HTTP_2;
        if (http1) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        response.end(Buffer.buffer(SseEncoder.retry(ShedRetry.millis(ThreadLocalRandom.current()))))
                .onComplete(sent -> {
                    if (http1) {
                        ctx.request().connection().close();
                    }
                });
    }

    private static HttpServerResponse streamHeaders(HttpServerResponse response) {
        return response
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no");
    }

    /** The decoded query; a malformed percent-encoding is the client's error (400), not the server's. */
    static MultiMap queryOf(HttpServerRequest request) {
        try {
            return request.params();
        } catch (IllegalArgumentException malformed) {
            throw new HttpProblem(400, "the query string is not valid percent-encoding: " + malformed.getMessage());
        }
    }
}
