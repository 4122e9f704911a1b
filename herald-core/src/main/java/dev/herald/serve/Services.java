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
 * @param presence   {@code GET .../presence}; null when the services were built without presence
 */
public record Services(StreamService streams, PollService polls, PublishService publishing, PresenceService presence) {

    /**
     * The services of a node: its hub, access control, limits and route options; {@code timers} runs private streams'
     * token expiry and long polls' waits (each handed to its stream's own executor). No presence.
     */
    public static Services of(Hub hub, Publisher publisher, AccessControl access, Limits limits, SseRoutesOptions options,
                              ScheduledExecutorService timers) {
        return of(hub, publisher, access, limits, options, timers, null);
    }

    /** {@link #of}, with every stream counted in {@code presence} (or none, when null). */
    public static Services of(Hub hub, Publisher publisher, AccessControl access, Limits limits, SseRoutesOptions options,
                              ScheduledExecutorService timers, Presence presence) {
        Admission admission = new Admission(hub, access, limits, options, timers);
        return new Services(new StreamService(admission, presence), new PollService(admission),
                new PublishService(publisher, access, limits, options.bodyLimitBytes()),
                presence == null ? null : new PresenceService(presence, access, limits));
    }
}
