package dev.herald.vertx;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.InvalidChannelException;
import dev.herald.hub.Hub;
import dev.herald.hub.HubSubscription;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET .../stream}: opens an event stream on the channels named by {@code channel} query parameters
 * (default {@value ChannelNames#DEFAULT}), resuming after {@code Last-Event-ID} (header) or
 * {@code lastEventId} (query parameter, for clients that cannot set headers).
 */
final class StreamHandler implements Handler<RoutingContext> {

    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    static final String LAST_EVENT_ID_PARAM = "lastEventId";

    private final Vertx vertx;
    private final Hub hub;
    private final SseRoutesOptions options;

    StreamHandler(Vertx vertx, Hub hub, SseRoutesOptions options) {
        this.vertx = vertx;
        this.hub = hub;
        this.options = options;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Set<String> channels = channelsOf(request);
        String lastEventId = lastEventIdOf(request);

        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        Context context = vertx.getOrCreateContext();
        ResponseSink sink = new ResponseSink(context, response, options.bufferLimitBytes());
        HubSubscription subscription = hub.subscribe(channels, lastEventId, sink);
        response.closeHandler(closed -> subscription.cancel());
        response.exceptionHandler(error -> subscription.cancel());
    }

    private Set<String> channelsOf(HttpServerRequest request) {
        List<String> named = request.params().getAll("channel");
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

    private static String lastEventIdOf(HttpServerRequest request) {
        String id = request.getHeader(LAST_EVENT_ID_HEADER);
        if (id == null || id.isEmpty()) {
            id = request.getParam(LAST_EVENT_ID_PARAM);
        }
        return id == null || id.isEmpty() ? null : id;
    }
}
