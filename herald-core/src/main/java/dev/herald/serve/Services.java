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
 * @param admin      {@code .../admin/<action>}
 */
public record Services(StreamService streams, PollService polls, PublishService publishing, AdminService admin) {

    /**
     * The services of a node: its hub, access control, limits and route options; {@code timers} runs private streams'
     * token expiry and long polls' waits (each handed to its stream's own executor).
     */
    public static Services of(Hub hub, Publisher publisher, AccessControl access, Limits limits, SseRoutesOptions options,
                              ScheduledExecutorService timers) {
        return of(hub, publisher, access, limits, options, timers, false, Idempotency.memory());
    }

    /**
     * {@link #of(Hub, Publisher, AccessControl, Limits, SseRoutesOptions, ScheduledExecutorService)}, with
     * {@code otherNodes} saying whether the broker reaches other nodes (an admin action is then handed to them), and
     * idempotency keys remembered as {@code idempotency} says.
     */
    public static Services of(Hub hub, Publisher publisher, AccessControl access, Limits limits, SseRoutesOptions options,
                              ScheduledExecutorService timers, boolean otherNodes, Idempotency idempotency) {
        Admission admission = new Admission(hub, access, limits, options, timers);
        return new Services(new StreamService(admission), new PollService(admission),
                new PublishService(publisher, access, limits, options.bodyLimitBytes(), idempotency),
                new AdminService(hub, publisher, access, admission.tokenStreams, otherNodes));
    }
}
