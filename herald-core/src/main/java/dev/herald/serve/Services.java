package dev.herald.serve;

import dev.herald.access.AccessControl;
import dev.herald.hub.Hub;
import dev.herald.limits.Limits;
import dev.herald.presence.Presence;
import dev.herald.publish.Publisher;
import dev.herald.request.SseRoutesOptions;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The services of a node, over its parts: what an HTTP adapter renders.
 *
 * @param streams    {@code GET .../stream}
 * @param polls      {@code GET .../poll}
 * @param publishing {@code POST .../publish}
 * @param admin      {@code .../admin/<action>}
 * @param presence   {@code GET .../presence}; null when the services were built without presence
 */
public record Services(StreamService streams, PollService polls, PublishService publishing, AdminService admin,
                       PresenceService presence) {

    /**
     * The services of a node: its hub, access control, limits and route options; {@code timers} runs private streams'
     * token expiry and long polls' waits (each handed to its stream's own executor). One node, idempotency keys in
     * memory, no presence.
     */
    public static Services of(Hub hub, Publisher publisher, AccessControl access, Limits limits, SseRoutesOptions options,
                              ScheduledExecutorService timers) {
        return of(hub, publisher, access, limits, options, timers, false, null);
    }

    /**
     * {@link #of(Hub, Publisher, AccessControl, Limits, SseRoutesOptions, ScheduledExecutorService)}, with
     * {@code otherNodes} saying whether the broker reaches other nodes (an admin action is then handed to them), and
     * every stream counted in {@code presence} (or none, when null). Idempotency keys are the publisher's.
     */
    public static Services of(Hub hub, Publisher publisher, AccessControl access, Limits limits, SseRoutesOptions options,
                              ScheduledExecutorService timers, boolean otherNodes, Presence presence) {
        Admission admission = new Admission(hub, access, limits, options, timers);
        return new Services(new StreamService(admission, presence), new PollService(admission),
                new PublishService(publisher, access, limits, options.bodyLimitBytes()),
                new AdminService(hub, publisher, access, admission.tokenStreams, otherNodes),
                presence == null ? null : new PresenceService(presence, access, limits));
    }
}
