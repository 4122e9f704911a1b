package dev.herald.serve;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.access.StreamPass;
import dev.herald.broker.ChannelNames;
import dev.herald.hub.Hub;
import dev.herald.limits.Limits;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.QueryString;
import dev.herald.request.SingleValue;
import dev.herald.request.SseRoutesOptions;
import dev.herald.request.StreamRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The steps a stream and a poll share before they open: the request's form, access to its channels, the client still
 * there, the client address's and the node's caps. One place, so both transports and every adapter refuse alike; it
 * also holds what both then open with (the hub, the options, the node's timers).
 */
final class Admission {

    /** Reads a request's form: {@code StreamRequest::read} or {@code PollRequest::read}. */
    @FunctionalInterface
    interface Reader<T> {
        /** @throws InvalidRequestException for a request that cannot be served as it is written */
        T read(String lastEventIdHeader, Function<String, List<String>> query, int maxChannels);
    }

    /** What {@link #admit} decided. */
    enum Kind {
        /** Counted in the limits: the caller opens it, and its lease gives the place back. */
        ADMITTED,
        /** Refused for its form (400), by the access rules or by the client address's cap: {@link Decision#refused()}. */
        REFUSED,
        /** The client left before it was served. */
        GONE,
        /** The node holds all the streams it may; nothing is counted. */
        NODE_FULL
    }

    /** A decision: what {@link #kind} says, with the request as read, the refusal, or the pass and the address. */
    record Decision<T>(Kind kind, T asked, Refused refused, StreamPass pass, String address) {
        static <T> Decision<T> refused(Refused refused) {
            return new Decision<>(Kind.REFUSED, null, refused, null, null);
        }
    }

    final Hub hub;
    final Limits limits;
    final SseRoutesOptions options;
    final ScheduledExecutorService timers;
    /** The open streams an admin's disconnect or revocation can find. */
    final TokenStreams tokenStreams = new TokenStreams();
    private final AccessControl access;

    Admission(Hub hub, AccessControl access, Limits limits, SseRoutesOptions options, ScheduledExecutorService timers) {
        this.hub = hub;
        this.access = access;
        this.limits = limits;
        this.options = options;
        this.timers = timers;
    }

    /**
     * Reads who the client is behind trusted proxies (a forwarding header that cannot be read is a 400), then the
     * request with {@code reader}, then access, then the client's presence, then the caps;
     * {@code whatIsOpen} names what the client holds too many of ("streams", "streams and long polls").
     */
    <T> Decision<T> admit(ServerRequest received, Reader<T> reader, Function<T, Set<String>> channels, String whatIsOpen) {
        return admit(received, reader, channels, whatIsOpen, true);
    }

    /**
     * {@link #admit}, asking the access rules about the channels only when {@code askAccess}: false for a stream on a
     * reserved channel whose caller has applied its own rule (the console's).
     */
    <T> Decision<T> admit(ServerRequest received, Reader<T> reader, Function<T, Set<String>> channels, String whatIsOpen,
                          boolean askAccess) {
        T asked;
        StreamPass pass;
        ServerRequest request;
        try {
            request = ForwardedRequest.of(limits.options().trustedProxies(), received);
            Map<String, List<String>> query = QueryString.decode(request.rawQuery());
            String lastEventId = SingleValue.of("the " + StreamRequest.LAST_EVENT_ID_HEADER + " header",
                    request.headers(StreamRequest.LAST_EVENT_ID_HEADER));
            asked = reader.read(lastEventId,
                    name -> query.getOrDefault(name, List.of()), options.maxChannels());
            refuseUnmatchedPatterns(channels.apply(asked));
            pass = askAccess ? access.admitStream(channels.apply(asked), () -> request.credentials(access.allowsQueryToken()))
                    : new StreamPass(Set.of(), Instant.MAX);
        } catch (InvalidRequestException invalid) {
            return Decision.refused(badRequest(invalid));
        } catch (AccessRefusedException refused) {
            return Decision.refused(Refused.of(refused));
        }
        if (request.clientGone()) {
            return new Decision<>(Kind.GONE, asked, null, null, null);
        }
        String address = request.clientAddress();
        return switch (limits.admitStream(address)) {
            case CLIENT_FULL -> Decision.refused(Refused.tooManyRequests(Limits.CLIENT_FULL_RETRY_AFTER_SECONDS,
                    limits.clientFullMessage(whatIsOpen)));
            case NODE_FULL -> new Decision<>(Kind.NODE_FULL, asked, null, null, null);
            case ADMITTED -> new Decision<>(Kind.ADMITTED, asked, null, pass, address);
        };
    }

    /**
     * Starts the response of an admitted request with {@code startResponse}; when that throws, the place the request
     * holds in the limits is given back before the exception goes on, as no lease will.
     */
    <R> R startResponse(Decision<?> admitted, Supplier<R> startResponse) {
        try {
            return startResponse.get();
        } catch (RuntimeException e) {
            limits.streamClosed(admitted.address());
            throw e;
        }
    }

    /** A pattern where the broker cannot match one: a 400 naming the field and the limit, before anything opens. */
    private void refuseUnmatchedPatterns(Set<String> channels) {
        if (!hub.matchesPatterns()) {
            channels.stream().filter(ChannelNames::isPattern).findFirst().ifPresent(pattern -> {
                throw new InvalidRequestException(StreamRequest.CHANNEL_PARAM + " pattern \"" + pattern
                        + "\": this node's broker does not match patterns: it subscribes to channels by name only "
                        + "(Redis Cluster's sharded Pub/Sub has no pattern subscription); name each channel, see "
                        + "docs/patterns.md");
            });
        }
    }

    /** The 400 of a request that cannot be read. */
    static Refused badRequest(InvalidRequestException invalid) {
        return Refused.of(400, invalid.getMessage());
    }
}
