package dev.herald.vertx;

import dev.herald.auth.StreamPass;
import dev.herald.hub.Hub;
import dev.herald.hub.HubSubscription;
import dev.herald.limits.Limits;
import dev.herald.limits.ShedRetry;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.PollRequest;
import dev.herald.request.SseRoutesOptions;
import dev.herald.request.StreamRequest;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET .../poll}: the events of a stream, as one JSON answer ({@link PollSink}), for clients that cannot keep a
 * stream open. The request is read as a stream's ({@link PollRequest}: channels, {@code Last-Event-ID} or
 * {@code since}, {@code rewind}, plus {@code wait}), admitted as a stream is ({@link TokenAccess}: 401, 403) and
 * served by the hub as a stream is, so history, ids, gaps and {@code history-gone} are the stream's.
 *
 * <p>Every poll holds a stream's place in {@link Limits} while it is being answered, a long poll for as long as it
 * waits: over its address's limit it is refused with 429, over the node's with 503, both with {@code Retry-After}. A
 * poll is not an {@code EventSource}, which gives up for good on such answers; its client reads the status and retries,
 * so it needs no stream to be told when. A long poll of private channels waits no longer than its token lives.
 */
final class PollHandler implements Handler<RoutingContext> {

    private final Vertx vertx;
    private final Hub hub;
    private final SseRoutesOptions options;
    private final Limits limits;
    private final TokenAccess access;

    PollHandler(Vertx vertx, Hub hub, SseRoutesOptions options, Limits limits, TokenAccess access) {
        this.vertx = vertx;
        this.hub = hub;
        this.options = options;
        this.limits = limits;
        this.access = access;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        MultiMap query = StreamHandler.queryOf(request);
        PollRequest asked;
        try {
            asked = PollRequest.read(request.getHeader(StreamRequest.LAST_EVENT_ID_HEADER), query::getAll, options.maxChannels());
        } catch (InvalidRequestException invalid) {
            throw new HttpProblem(400, invalid.getMessage());
        }
        StreamPass pass = access.admitStream(ctx, asked.stream().channels());
        if (pass == null) {
            return; // answered 401 or 403
        }
        if (ctx.response().closed()) {
            return;
        }
        String address = ClientAddress.of(request);
        switch (limits.admitStream(address)) {
            case CLIENT_FULL -> JsonHttp.tooManyRequests(ctx, Limits.CLIENT_FULL_RETRY_AFTER_SECONDS,
                    limits.clientFullMessage("streams and long polls"));
            case NODE_FULL -> {
                long retryAfterSeconds = ShedRetry.millis(ThreadLocalRandom.current()) / 1000;
                ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
                JsonHttp.sendError(ctx, 503, "This node holds all the streams and long polls it may; retry after "
                        + retryAfterSeconds + " s");
            }
            case ADMITTED -> poll(ctx, asked, pass, address);
        }
    }

    private void poll(RoutingContext ctx, PollRequest asked, StreamPass pass, String address) {
        HubSubscription[] subscription = {null};
        long[] timer = {-1};
        Runnable leave = () -> {
            if (subscription[0] != null) {
                subscription[0].cancel();
            }
            if (timer[0] >= 0) {
                vertx.cancelTimer(timer[0]);
                timer[0] = -1;
            }
        };
        // A first visit (no cursor) is answered at once, whatever its wait: its answer is the head (or its rewind), the
        // cursor the client's next poll waits from.
        boolean mayWait = asked.isLong() && asked.stream().lastEventId() != null;
        PollSink sink = new PollSink(vertx.getOrCreateContext(), ctx.response(), asked.stream().lastEventId(),
                mayWait, options.bufferLimitBytes(), leave);
        try {
            subscription[0] = hub.subscribe(asked.stream(), sink);
        } catch (RuntimeException e) {
            limits.streamClosed(address);
            throw e;
        }
        if (mayWait) {
            Duration tokenLeft = Duration.between(Instant.now(), pass.expiresAt()); // Instant.MAX for public channels
            long waitMillis = Math.max(1, (tokenLeft.compareTo(asked.maxWait()) < 0 ? tokenLeft : asked.maxWait()).toMillis());
            timer[0] = vertx.setTimer(waitMillis, fired -> {
                timer[0] = -1;
                sink.expire();
            });
        }
        // Called on this loop when the answer is written or the connection closes (the client left mid-wait), possibly
        // once for each: either way the hub and the limits get their place back, once.
        boolean[] counted = {true};
        ctx.addEndHandler(ended -> {
            leave.run();
            if (counted[0]) {
                counted[0] = false;
                limits.streamClosed(address);
            }
        });
    }
}
