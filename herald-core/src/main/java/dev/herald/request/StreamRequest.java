package dev.herald.request;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.InvalidChannelException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a client asks of a stream: its channels and where to resume. The one reading of a request's parameters,
 * shared by every HTTP adapter (Vert.x routes, the Spring adapter), which hand it the header and the decoded query.
 *
 * <p>Channels: every {@code channel} parameter, in order, duplicates once; none means {@value ChannelNames#DEFAULT}.
 *
 * <p>The resume cursor, first found wins:
 * <ol>
 *   <li>the {@value #LAST_EVENT_ID_HEADER} header (what an {@code EventSource} sends when it reconnects, WHATWG HTML
 *       §9.2.4);</li>
 *   <li>the query parameters {@code lastEventId}, {@code last_event_id} and {@code Last-Event-ID}, in that order, for
 *       clients that cannot set headers (polyfills, other hubs' clients). When one name is given more than once, its
 *       <em>last</em> value wins: a polyfill that appends the newer id after the older one resumes from the newer.</li>
 * </ol>
 * An empty value counts as absent. No cursor means a new client, which receives what is published from now on.
 *
 * @param channels    the channels, at least one, each valid by {@link ChannelNames#check}, in the order named
 * @param lastEventId the resume cursor, or {@code null} for a new client
 */
public record StreamRequest(Set<String> channels, String lastEventId) {

    /** The header an {@code EventSource} sends on reconnection. */
    public static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    /** The query parameters that carry the cursor, in precedence order. */
    public static final List<String> LAST_EVENT_ID_PARAMS = List.of("lastEventId", "last_event_id", "Last-Event-ID");
    /** The query parameter naming a channel, once per channel. */
    public static final String CHANNEL_PARAM = "channel";

    public StreamRequest {
        channels = Collections.unmodifiableSet(new LinkedHashSet<>(channels));
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a stream needs at least one channel");
        }
    }

    /**
     * Reads a request.
     *
     * @param lastEventIdHeader the {@value #LAST_EVENT_ID_HEADER} header, or {@code null}
     * @param query             every value of a decoded query parameter, in request order (empty when absent)
     * @param maxChannels       the most channels one request may name
     * @throws InvalidRequestException when a channel name is invalid or too many are named
     */
    public static StreamRequest read(String lastEventIdHeader, Function<String, List<String>> query, int maxChannels) {
        return new StreamRequest(channelsOf(query.apply(CHANNEL_PARAM), maxChannels), lastEventIdOf(lastEventIdHeader, query));
    }

    private static Set<String> channelsOf(List<String> named, int maxChannels) {
        if (named == null || named.isEmpty()) {
            return Set.of(ChannelNames.DEFAULT);
        }
        if (named.size() > maxChannels) {
            throw new InvalidRequestException("a stream may name at most " + maxChannels + " channels, got " + named.size());
        }
        Set<String> channels = new LinkedHashSet<>();
        for (String name : named) {
            try {
                channels.add(ChannelNames.check(name));
            } catch (InvalidChannelException invalid) {
                throw new InvalidRequestException(invalid.getMessage());
            }
        }
        return channels;
    }

    private static String lastEventIdOf(String header, Function<String, List<String>> query) {
        if (header != null && !header.isEmpty()) {
            return header;
        }
        for (String name : LAST_EVENT_ID_PARAMS) {
            List<String> values = query.apply(name);
            if (values != null && !values.isEmpty()) {
                String last = values.get(values.size() - 1);
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        return null;
    }
}
