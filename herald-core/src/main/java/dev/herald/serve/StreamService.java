package dev.herald.serve;

import dev.herald.access.StreamPass;
import dev.herald.access.TokenExpired;
import dev.herald.hub.SseSink;
import dev.herald.limits.ShedRetry;
import dev.herald.request.StreamRequest;
import dev.herald.sse.SseEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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

    private final Admission admission;

    StreamService(Admission admission) {
        this.admission = admission;
    }

    /**
     * Serves a stream request. {@code openResponse} is called only for a stream that opens, on the calling thread: it
     * writes the stream's status and {@link SseResponse#HEADERS} and returns the sink the hub writes to (its executor
     * owns it). The hub is joined on that executor.
     */
    public StreamOutcome open(ServerRequest request, Supplier<SseSink> openResponse) {
        Admission.Decision<StreamRequest> decision = admission.admit(request, StreamRequest::read, StreamRequest::channels,
                "streams");
        return switch (decision.kind()) {
            case REFUSED -> decision.refused();
            case GONE -> new ClientGone();
            case NODE_FULL -> new StreamOutcome.Shed(SseEncoder.retry(ShedRetry.millis(ThreadLocalRandom.current())));
            case ADMITTED -> new StreamOutcome.Opened(open(decision, openResponse));
        };
    }

    private StreamLease open(Admission.Decision<StreamRequest> admitted, Supplier<SseSink> openResponse) {
        SseSink sink = admission.startResponse(admitted, openResponse);
        StreamLease lease = new StreamLease(admission.limits, admitted.address(), sink);
        sink.executor().execute(() -> lease.subscribe(admission.hub, admitted.asked()));
        StreamPass pass = admitted.pass();
        if (pass.expires()) {
            byte[] expired = TokenExpired.frame(pass.privateChannels());
            long delayMillis = Math.max(1, Duration.between(Instant.now(), pass.expiresAt()).toMillis());
            lease.timer(admission.timers.schedule(() -> sink.executor().execute(() -> lease.endWith(expired)),
                    delayMillis, TimeUnit.MILLISECONDS));
        }
        return lease;
    }
}
