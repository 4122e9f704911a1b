package dev.herald.serve;

import dev.herald.access.StreamPass;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * This node's open streams that came with a token naming a subject or an id ({@link StreamPass#subject()},
 * {@link StreamPass#tokenId()}), so that an admin's disconnect or revocation finds them. A stream joins when it opens
 * and leaves when its lease ends; a public stream, whose token is never read, is not here. An admin action scans them
 * all (rare; a map per subject would cost every stream's open and close instead). Thread-safe.
 */
final class TokenStreams {

    private final Map<StreamLease, StreamPass> open = new ConcurrentHashMap<>();

    /** Holds {@code lease} until it ends, when its pass names a subject or a token id. */
    void add(StreamLease lease, StreamPass pass) {
        if (pass.subject() == null && pass.tokenId() == null) {
            return;
        }
        open.put(lease, pass);
        lease.onEnd(() -> open.remove(lease));
    }

    /** Ends every stream whose pass matches, each after its {@code lastFrame}; returns how many it ends. */
    int endWhere(Predicate<StreamPass> matches, Function<StreamPass, byte[]> lastFrame) {
        int ended = 0;
        for (Map.Entry<StreamLease, StreamPass> entry : open.entrySet()) {
            if (matches.test(entry.getValue()) && !entry.getKey().ended()) {
                entry.getKey().finish(lastFrame.apply(entry.getValue()));
                ended++;
            }
        }
        return ended;
    }
}
