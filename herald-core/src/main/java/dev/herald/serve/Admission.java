package dev.herald.serve;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.access.StreamPass;
import dev.herald.limits.Limits;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.QueryString;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The steps a stream and a poll share before they open: access to the channels, the client still there, the client
 * address's and the node's caps. One place, so both transports and every adapter refuse alike.
 */
final class Admission {

    /** What {@link #admit} decided. */
    enum Kind {
        /** Counted in the limits: the caller opens it, and its lease gives the place back. */
        ADMITTED,
        /** Refused by the access rules or the client address's cap: {@link Decision#refused()}. */
        REFUSED,
        /** The client left before it was served. */
        GONE,
        /** The node holds all the streams it may; nothing is counted. */
        NODE_FULL
    }

    /** A decision: what {@link #kind} says, with the refusal or the pass and address it needs. */
    record Decision(Kind kind, Refused refused, StreamPass pass, String address) {
        static Decision of(Kind kind) {
            return new Decision(kind, null, null, null);
        }
    }

    private final AccessControl access;
    private final Limits limits;

    Admission(AccessControl access, Limits limits) {
        this.access = access;
        this.limits = limits;
    }

    Limits limits() {
        return limits;
    }

    /** The decoded query of a request, strictly: a malformed percent-encoding is the client's 400. */
    static Function<String, List<String>> query(ServerRequest request) {
        Map<String, List<String>> params = QueryString.decode(request.rawQuery());
        return name -> params.getOrDefault(name, List.of());
    }

    /**
     * Access, then the client's presence, then the caps; {@code whatIsOpen} names what the client holds too many of
     * ("streams", "streams and long polls").
     */
    Decision admit(ServerRequest request, Set<String> channels,
                   String whatIsOpen) {
        StreamPass pass;
        try {
            pass = access.admitStream(channels, () -> request.credentials(access.allowsQueryToken()));
        } catch (AccessRefusedException refused) {
            return new Decision(Kind.REFUSED, Refused.of(refused), null, null);
        }
        if (request.clientGone()) {
            return Decision.of(Kind.GONE);
        }
        String address = request.clientAddress();
        return switch (limits.admitStream(address)) {
            case CLIENT_FULL -> new Decision(Kind.REFUSED, Refused.tooManyRequests(Limits.CLIENT_FULL_RETRY_AFTER_SECONDS,
                    limits.clientFullMessage(whatIsOpen)), null, null);
            case NODE_FULL -> Decision.of(Kind.NODE_FULL);
            case ADMITTED -> new Decision(Kind.ADMITTED, null, pass, address);
        };
    }

    /** The 400 of a request that cannot be read. */
    static Refused badRequest(InvalidRequestException invalid) {
        return Refused.of(400, invalid.getMessage());
    }
}
