package dev.herald.serve;

import dev.herald.hub.HistoryGone;
import dev.herald.hub.SseSink;
import dev.herald.metrics.Transport;
import dev.herald.sse.ParsedEvent;
import dev.herald.sse.SseParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A poll's place in the hub: a sink that reads the frames the hub writes, exactly as a browser's {@code EventSource}
 * would (with {@link SseParser}), and answers them once as JSON
 * {@code {"events":[{"id","type","data"}...],"next":"<id>","historyGone":false}}.
 *
 * <p>{@code next} is the last event id the parser holds after the frames it read: the id of the last event answered,
 * or a new client's resume point (the hub's {@code id:} frame), or else the cursor the poll brought. So it is the id
 * a stream's client would hold at the same point, and a client switches between streams and polls without loss or
 * duplicate. A {@value HistoryGone#TYPE} event sets {@code historyGone} instead of being listed.
 *
 * <p>It answers when the hub has caught up (the replay or rewind is written) and there is something to say, or the
 * poll must not wait; then at the first live events; or when {@link #expire() the wait ends}, the hub closes it
 * (shutdown) or drops it: whatever it holds then is a correct start, ending at {@code next}. It stops reading once it
 * holds {@code limitBytes} of events, so one answer stays bounded; the client gets the rest from {@code next}.
 * Confined to its response's executor.
 */
final class PollSink implements SseSink {

    private final PollResponse response;
    private final Executor executor;
    private final boolean mayWait;
    private final int limitBytes;
    private StreamLease lease;
    private final SseParser parser = new SseParser(this::parsed);
    private final List<Map<String, String>> events = new ArrayList<>();
    private String next;
    private boolean historyGone;
    private boolean caughtUp;
    private boolean full;
    private boolean answered;
    private int bytes;

    /**
     * @param cursor     the cursor the poll brought, or {@code null}
     * @param mayWait    whether this is a long poll
     */
    PollSink(PollResponse response, String cursor, boolean mayWait, int limitBytes) {
        this.response = response;
        this.executor = response.executor();
        this.next = cursor;
        this.mayWait = mayWait;
        this.limitBytes = limitBytes;
    }

    /** The lease to leave the hub through once the answer is written; set before the hub is joined. */
    void attach(StreamLease lease) {
        this.lease = lease;
    }

    @Override
    public Transport transport() {
        return Transport.POLL;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    /** Never refuses: past its limit it stops reading, and the client resumes from {@code next}. */
    @Override
    public boolean offer(byte[] frame) {
        if (!full && !answered) {
            parser.feed(frame);
            if (!parser.lastEventId().isEmpty()) {
                next = parser.lastEventId();
            }
            full = bytes >= limitBytes;
        }
        return true;
    }

    private void parsed(ParsedEvent event) {
        if (event.type().equals(HistoryGone.TYPE)) {
            historyGone = true;
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", event.lastEventId());
        fields.put("type", event.type());
        fields.put("data", event.data());
        events.add(fields);
        bytes += event.data().length() + event.type().length() + event.lastEventId().length();
    }

    @Override
    public void flush() {
        if (caughtUp && hasNews()) {
            answer();
        }
    }

    @Override
    public void caughtUp() {
        caughtUp = true;
        if (hasNews() || !mayWait) {
            answer();
        }
    }

    /** The wait is over: answers what it has. */
    void expire() {
        answer();
    }

    /** The hub ends the poll (the node shuts down): answers what it has. */
    @Override
    public void close() {
        answer();
    }

    /** The hub drops the poll: what it holds is still a correct start, so it is answered too. */
    @Override
    public void abort() {
        answer();
    }

    private boolean hasNews() {
        return !events.isEmpty() || historyGone;
    }

    private void answer() {
        if (answered) {
            return;
        }
        answered = true;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", events);
        body.put("next", next);
        body.put("historyGone", historyGone);
        response.answer(Refused.Json.bytes(body));
        if (lease != null) {
            lease.leave(); // the answer is written: the hub and the timer have nothing more to do here
        }
    }
}
