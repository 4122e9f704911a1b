package dev.herald.serve;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.broker.ChannelNames;
import dev.herald.broker.InvalidChannelException;
import dev.herald.limits.Limits;
import dev.herald.presence.Presence;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.QueryString;
import dev.herald.request.SingleValue;
import dev.herald.request.StreamRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET .../presence?channel=<name>}: the streams open on one channel across every node and their token
 * subjects ({@link Presence#of}), as {@code {"channel","streams","subjects"}}. It is read under the channel's stream
 * rule: a private channel needs a token that may read it (401, 403 as a stream's). A channel missing, given twice,
 * reserved, malformed or a pattern is a 400 naming {@code channel}.
 */
public final class PresenceService {

    private final Presence presence;
    private final AccessControl access;
    private final Limits limits;

    PresenceService(Presence presence, AccessControl access, Limits limits) {
        this.presence = presence;
        this.access = access;
        this.limits = limits;
    }

    /** Answers a presence request. */
    public PresenceOutcome answer(ServerRequest received) {
        try {
            ServerRequest request = ForwardedRequest.of(limits.options().trustedProxies(), received);
            Map<String, List<String>> query = QueryString.decode(request.rawQuery());
            String channel = SingleValue.of("the query parameter " + StreamRequest.CHANNEL_PARAM,
                    query.get(StreamRequest.CHANNEL_PARAM));
            if (channel == null) {
                throw new InvalidRequestException("the query parameter " + StreamRequest.CHANNEL_PARAM
                        + " is required: GET presence?channel=<name>");
            }
            try {
                ChannelNames.checkPublic(channel);
            } catch (InvalidChannelException e) {
                throw new InvalidRequestException("the query parameter " + StreamRequest.CHANNEL_PARAM + ": "
                        + e.getMessage());
            }
            if (ChannelNames.isPattern(channel)) {
                // Presence counts streams per channel; a pattern subscription is on no one channel, so none is counted.
                throw new InvalidRequestException("the query parameter " + StreamRequest.CHANNEL_PARAM
                        + ": presence is counted per channel, not for a pattern (" + channel + ")");
            }
            access.admitStream(Set.of(channel), () -> request.credentials(access.allowsQueryToken()));
            return new PresenceOutcome.Present(presence.of(channel));
        } catch (InvalidRequestException invalid) {
            return Admission.badRequest(invalid);
        } catch (AccessRefusedException refused) {
            return Refused.of(refused);
        }
    }
}
