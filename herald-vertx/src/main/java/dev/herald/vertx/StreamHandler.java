package dev.herald.vertx;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.InvalidChannelException;
import dev.herald.hub.Hub;
import dev.herald.hub.HubSubscription;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET .../stream}: opens an event stream on the channels named by {@code channel} query parameters
 * (default {@value ChannelNames#DEFAULT}), resuming after {@code Last-Event-ID} (header) or
 * {@code lastEventId} (query parameter, for clients that cannot set headers). A stream naming a private channel is
 * admitted by {@link TokenAccess} and ends, after a {@value TokenExpired#TYPE} event, when its token expires.
 */
final class StreamHandler implements Handler<RoutingContext> {

    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    static final String LAST_EVENT_ID_PARAM = "lastEventId";

    private final Vertx vertx;
    private final Hub hub;
    private final SseRoutesOptions options;
    private final TokenAccess access;

    StreamHandler(Vertx vertx, Hub hub, SseRoutesOptions options, TokenAccess access) {
        this.vertx = vertx;
        this.hub = hub;
        this.options = options;
        this.access = access;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        MultiMap query = queryOf(request);
        Set<String> channels = channelsOf(query);
        String lastEventId = lastEventIdOf(request, query);
        TokenAccess.StreamPass pass = access.admitStream(ctx, channels);
        if (pass == null) {
            return; // answered 401 or 403
        }

        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        Context context = vertx.getOrCreateContext();
        ResponseSink sink = new ResponseSink(context, response, options.bufferLimitBytes());
        HubSubscription subscription = hub.subscribe(channels, lastEventId, sink);
        if (pass.privateChannels().isEmpty()) {
            response.closeHandler(closed -> subscription.cancel());
            response.exceptionHandler(error -> subscription.cancel());
            return;
        }
        // Runs on this request's loop, the sink's: the hub's writes and this one never interleave.
        long delayMillis = Math.max(1, Duration.between(Instant.now(), pass.expiresAt()).toMillis());
        long timer = vertx.setTimer(delayMillis, fired -> {
            subscription.cancel();
            if (sink.offer(TokenExpired.frame(pass.privateChannels()))) {
                sink.flush();
            }
            sink.close();
        });
        response.closeHandler(closed -> {
            vertx.cancelTimer(timer);
            subscription.cancel();
        });
        response.exceptionHandler(error -> {
            vertx.cancelTimer(timer);
            subscription.cancel();
        });
        response.endHandler(ended -> vertx.cancelTimer(timer));
    }

    /** The decoded query; a malformed percent-encoding is the client's error (400), not the server's. */
    private static MultiMap queryOf(HttpServerRequest request) {
        try {
            return request.params();
        } catch (IllegalArgumentException malformed) {
            throw new HttpProblem(400, "the query string is not valid percent-encoding: " + malformed.getMessage());
        }
    }

    private Set<String> channelsOf(MultiMap query) {
        List<String> named = query.getAll("channel");
        if (named.isEmpty()) {
            return Set.of(ChannelNames.DEFAULT);
        }
        if (named.size() > options.maxChannels()) {
            throw new HttpProblem(400, "a stream may name at most " + options.maxChannels() + " channels, got " + named.size());
        }
        Set<String> channels = new LinkedHashSet<>();
        for (String name : named) {
            try {
                channels.add(ChannelNames.check(name));
            } catch (InvalidChannelException invalid) {
                throw new HttpProblem(400, invalid.getMessage());
            }
        }
        return channels;
    }

    private static String lastEventIdOf(HttpServerRequest request, MultiMap query) {
        String id = request.getHeader(LAST_EVENT_ID_HEADER);
        if (id == null || id.isEmpty()) {
            id = query.get(LAST_EVENT_ID_PARAM);
        }
        return id == null || id.isEmpty() ? null : id;
    }
}
