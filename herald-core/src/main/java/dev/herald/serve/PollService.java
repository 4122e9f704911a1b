package dev.herald.serve;

import dev.herald.access.StreamPass;
import dev.herald.limits.Limits;
import dev.herald.limits.ShedRetry;
import dev.herald.request.PollRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET .../poll}: the events of a stream as one JSON answer ({@link PollSink}), for clients that cannot keep a
 * stream open. The request is read as a stream's ({@link PollRequest}: channels, {@code Last-Event-ID} or
 * {@code since}, {@code rewind}, plus {@code wait}), admitted as a stream is and served by the hub as a stream is, so
 * history, ids, gaps and {@code history-gone} are the stream's.
 *
 * <p>Every poll holds a stream's place in {@link Limits} while it is being answered, a long poll for as long as it
 * waits: over its address's limit it is refused with 429, over the node's with 503, both with {@code Retry-After}. A
 * poll is not an {@code EventSource}, which gives up for good on such answers; its client reads the status and
 * retries, so it needs no stream to be told when. A long poll of private channels waits no longer than its token lives.
 */
public final class PollService {

    private final Admission admission;

    PollService(Admission admission) {
        this.admission = admission;
    }

    /**
     * Serves a poll request. {@code startResponse} is called only for a poll that is admitted, on the calling thread,
     * and returns where its answer goes; the hub is joined on that response's executor.
     */
    public PollOutcome poll(ServerRequest request, Supplier<PollResponse> startResponse) {
        Admission.Decision<PollRequest> decision = admission.admit(request, PollRequest::read,
                asked -> asked.stream().channels(), "streams and long polls");
        return switch (decision.kind()) {
            case REFUSED -> decision.refused();
            case GONE -> new ClientGone();
            case NODE_FULL -> nodeFull();
            case ADMITTED -> new PollOutcome.Polling(start(decision, startResponse));
        };
    }

    private static Refused nodeFull() {
        long retryAfterSeconds = ShedRetry.millis(ThreadLocalRandom.current()) / 1000;
        return new Refused(503, "This node holds all the streams and long polls it may; retry after "
                + retryAfterSeconds + " s", Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    private StreamLease start(Admission.Decision<PollRequest> admitted, Supplier<PollResponse> startResponse) {
        PollResponse response = admission.startResponse(admitted, startResponse);
        PollRequest asked = admitted.asked();
        // A first visit (no cursor) is answered at once, whatever its wait: its answer is the head (or its rewind), the
        // cursor the client's next poll waits from. So is every poll of a draining node: the client waits elsewhere.
        boolean mayWait = asked.isLong() && asked.stream().lastEventId() != null && !admission.hub.draining();
        PollSink sink = new PollSink(response, asked.stream().lastEventId(), mayWait, admission.options.bufferLimitBytes());
        StreamLease lease = new StreamLease(admission.limits, admitted.address(), sink);
        sink.attach(lease);
        response.executor().execute(() -> lease.subscribe(admission.hub, asked.stream()));
        if (mayWait) {
            StreamPass pass = admitted.pass();
            Duration tokenLeft = Duration.between(Instant.now(), pass.expiresAt()); // Instant.MAX for public channels
            long waitMillis = Math.max(1, (tokenLeft.compareTo(asked.maxWait()) < 0 ? tokenLeft : asked.maxWait()).toMillis());
            lease.timer(admission.timers.schedule(() -> response.executor().execute(sink::expire), waitMillis,
                    TimeUnit.MILLISECONDS));
        }
        return lease;
    }
}
