package dev.herald.serve;

import dev.herald.access.AccessControl;
import dev.herald.access.StreamPass;
import dev.herald.access.TokenExpired;
import dev.herald.hub.Hub;
import dev.herald.hub.SseSink;
import dev.herald.limits.Limits;
import dev.herald.limits.ShedRetry;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.SseRoutesOptions;
import dev.herald.request.StreamRequest;
import dev.herald.sse.SseEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET .../stream}: opens an event stream on the channels named by {@code channel} query parameters, starting
 * where {@link StreamRequest} reads (after {@code Last-Event-ID}, a query parameter for clients that cannot set
 * headers, or {@code since}; or with the newest {@code rewind} events), in these steps: the request's form (400), access
 * to its channels (401, 403), the client still there, its address's cap (429 with {@code Retry-After}), the node's cap
 * (shed: see {@link StreamOutcome.Shed}), then the stream on the adapter's sink, held by a {@link StreamLease}. A stream
 * naming a private channel ends, after a {@value TokenExpired#TYPE} event, when its token expires.
 */
public final class StreamService {

    private final Hub hub;
    private final Admission admission;
    private final SseRoutesOptions options;
    private final ScheduledExecutorService timers;

    public StreamService(Hub hub, AccessControl access, Limits limits, SseRoutesOptions options,
                         ScheduledExecutorService timers) {
        this.hub = hub;
        this.admission = new Admission(access, limits);
        this.options = options;
        this.timers = timers;
    }

    /**
     * Serves a stream request. {@code openResponse} is called only for a stream that opens, on the calling thread: it
     * writes the stream's status and {@link SseResponse#HEADERS} and returns the sink the hub writes to (its executor
     * owns it). The hub is joined on that executor.
     */
    public StreamOutcome open(ServerRequest request, Supplier<SseSink> openResponse) {
        StreamRequest asked;
        Function<String, List<String>> query;
        try {
            query = Admission.query(request);
            asked = StreamRequest.read(request.header(StreamRequest.LAST_EVENT_ID_HEADER), query, options.maxChannels());
        } catch (InvalidRequestException invalid) {
            return Admission.badRequest(invalid);
        }
        Admission.Decision decision = admission.admit(request, asked.channels(), "streams");
        return switch (decision.kind()) {
            case REFUSED -> decision.refused();
            case GONE -> new ClientGone();
            case NODE_FULL -> new StreamOutcome.Shed(SseEncoder.retry(ShedRetry.millis(ThreadLocalRandom.current())));
            case ADMITTED -> new StreamOutcome.Opened(open(asked, decision, openResponse));
        };
    }

    private StreamLease open(StreamRequest asked, Admission.Decision admitted, Supplier<SseSink> openResponse) {
        SseSink sink;
        try {
            sink = openResponse.get();
        } catch (RuntimeException e) {
            admission.limits().streamClosed(admitted.address());
            throw e;
        }
        StreamLease lease = new StreamLease(admission.limits(), admitted.address(), sink);
        sink.executor().execute(() -> lease.subscribe(hub, asked));
        StreamPass pass = admitted.pass();
        if (pass.expires()) {
            byte[] expired = TokenExpired.frame(pass.privateChannels());
            long delayMillis = Math.max(1, Duration.between(Instant.now(), pass.expiresAt()).toMillis());
            lease.timer(timers.schedule(() -> sink.executor().execute(() -> lease.endWith(expired)),
                    delayMillis, TimeUnit.MILLISECONDS));
        }
        return lease;
    }
}
