package dev.herald.serve;

import java.util.Map;
import java.util.concurrent.Executor;

/** Where a poll's answer goes: the adapter's response, written once, from the thread that owns the poll. */
public interface PollResponse {

    /**
     * The headers of a poll's answer, besides its status 200: JSON, and {@code Cache-Control: no-store}, since an
     * answer holds events and a cursor for one client at one moment.
     */
    Map<String, String> HEADERS = Map.of("Content-Type", Refused.JSON_CONTENT_TYPE, "Cache-Control", "no-store");

    /** The thread that owns the poll (an event loop): the hub and the poll's timer call it there, and only there. */
    Executor executor();

    /**
     * Writes the answer, at most once, on {@link #executor()}: status 200, {@link #HEADERS} and {@code json},
     * {@code {"events":[{"id","type","data"}...],"next":"<id>","historyGone":false}}. Writes nothing when the client
     * is gone.
     */
    void answer(byte[] json);
}
