package dev.herald.serve;

import dev.herald.access.StreamPass;
import dev.herald.broker.ChannelNames;
import dev.herald.access.TokenExpired;
import dev.herald.hub.SseSink;
import dev.herald.limits.ShedRetry;
import dev.herald.presence.Presence;
import dev.herald.request.StreamRequest;
import dev.herald.sse.SseEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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
    private final Presence presence;

    StreamService(Admission admission, Presence presence) {
        this.admission = admission;
        this.presence = presence;
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

    /**
     * Serves a stream on one of Herald's reserved channels ({@link ChannelNames#isReserved}), such as the console's
     * {@value ChannelNames#STATUS}, to a request its caller has admitted by its own rule: the same steps and lease as
     * {@link #open} (form, the client still there, the caps; heartbeats, drain, slow clients), but for the channels'
     * access rule, and on {@code channel} whatever the query names. It starts at the head, whatever
     * {@code Last-Event-ID} says (a status wants now, not what was missed), or with the newest {@code rewind} events.
     *
     * @throws IllegalArgumentException when {@code channel} is not reserved
     */
    public StreamOutcome openReserved(ServerRequest request, String channel, Supplier<SseSink> openResponse) {
        if (!ChannelNames.isReserved(channel)) {
            throw new IllegalArgumentException("openReserved serves a reserved channel ($...), not " + channel);
        }
        Admission.Reader<StreamRequest> reader = (lastEventId, query, maxChannels) -> {
            StreamRequest asked = StreamRequest.read(null,
                    name -> name.equals(StreamRequest.CHANNEL_PARAM) ? List.of() : query.apply(name), maxChannels);
            return new StreamRequest(Set.of(channel), null, asked.lastEventId() == null ? asked.rewind() : 0);
        };
        Admission.Decision<StreamRequest> decision = admission.admit(request, reader, StreamRequest::channels,
                "streams", false);
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
        if (presence != null) {
            lease.countIn(presence, admitted.pass().subject());
        }
        sink.executor().execute(() -> lease.subscribe(admission.hub, admitted.asked()));
        StreamPass pass = admitted.pass();
        admission.tokenStreams.add(lease, pass);
        if (pass.expires()) {
            byte[] expired = TokenExpired.frame(pass.privateChannels());
            long delayMillis = Math.max(1, Duration.between(Instant.now(), pass.expiresAt()).toMillis());
            lease.timer(admission.timers.schedule(() -> sink.executor().execute(() -> lease.endWith(expired)),
                    delayMillis, TimeUnit.MILLISECONDS));
        }
        return lease;
    }
}
