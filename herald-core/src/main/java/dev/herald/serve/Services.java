package dev.herald.serve;

import dev.herald.access.AccessControl;
import dev.herald.hub.Hub;
import dev.herald.limits.Limits;
import dev.herald.publish.Idempotency;
import dev.herald.publish.Publisher;
import dev.herald.request.SseRoutesOptions;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The three services of a node, over its parts: what an HTTP adapter renders.
 *
 * @param streams    {@code GET .../stream}
 * @param polls      {@code GET .../poll}
 * @param publishing {@code POST .../publish}
 */
public record Services(StreamService streams, PollService polls, PublishService publishing) {

    /**
     * The services of a node: its hub, access control, limits and route options; {@code timers} runs private streams'
     * token expiry and long polls' waits (each handed to its stream's own executor).
     */
    public static Services of(Hub hub, Publisher publisher, AccessControl access, Limits limits, SseRoutesOptions options,
                              ScheduledExecutorService timers) {
        return of(hub, publisher, access, limits, options, timers, Idempotency.memory());
    }

    /** As {@link #of(Hub, Publisher, AccessControl, Limits, SseRoutesOptions, ScheduledExecutorService)}, remembering idempotency keys as {@code idempotency} says. */
    public static Services of(Hub hub, Publisher publisher, AccessControl access, Limits limits, SseRoutesOptions options,
                              ScheduledExecutorService timers, Idempotency idempotency) {
        Admission admission = new Admission(hub, access, limits, options, timers);
        return new Services(new StreamService(admission), new PollService(admission),
                new PublishService(publisher, access, limits, options.bodyLimitBytes(), idempotency));
    }
}
