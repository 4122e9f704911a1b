package dev.herald.request;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.HeraldId;
import dev.herald.broker.InvalidChannelException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a client asks of a stream (or a poll): its channels and where to start. The one reading of a request's
 * parameters, shared by every HTTP adapter (Vert.x routes, the Spring adapter) and every transport (stream, poll), which
 * hand it the header and the decoded query.
 *
 * <p>Channels: every {@code channel} parameter, in order, duplicates once; none means {@value ChannelNames#DEFAULT}. A
 * name reserved to Herald ({@link ChannelNames#checkPublic}) is refused. A value holding {@code *} is a pattern
 * ({@link ChannelNames#isPattern}, the grammar of {@link dev.herald.access.ChannelPattern}: {@code *} any run of
 * characters): at most {@value #MAX_PATTERNS} per request, and {@code **} is refused (it means what {@code *} means, so
 * it is a mistake).
 *
 * <p>Where to start, the first found wins:
 * <ol>
 *   <li>the {@value #LAST_EVENT_ID_HEADER} header (what an {@code EventSource} sends when it reconnects, WHATWG HTML
 *       §9.2.4);</li>
 *   <li>the query parameters {@code lastEventId}, {@code last_event_id} and {@code Last-Event-ID}, in that order, for
 *       clients that cannot set headers (polyfills, other hubs' clients);</li>
 *   <li>the query parameter {@value #SINCE_PARAM}: the same cursor, by the name a first connection (or a poll) uses
 *       to backfill from an id it kept;</li>
 *   <li>the query parameter {@value #REWIND_PARAM}{@code =N}: no cursor, but the newest {@code N} events the channels
 *       hold, at most {@value #MAX_REWIND} (a larger {@code N} is taken as {@value #MAX_REWIND}); anything but a
 *       whole number from 0 is refused.</li>
 * </ol>
 * A name given more than once is refused with a 400 naming it ({@link SingleValue}): which of two ids a client meant
 * cannot be told. An empty value counts as absent. A cursor holding a line break or NUL, or longer than
 * {@value HeraldId#MAX_LENGTH} characters, is refused: no event can have such an id. Neither cursor nor rewind means a new client, which receives what is published from
 * now on.
 *
 * @param channels    the channels, at least one, each valid by {@link ChannelNames#check}, in the order named
 * @param lastEventId the cursor to resume after ({@value #LAST_EVENT_ID_HEADER} or {@value #SINCE_PARAM}), or
 *                    {@code null}
 * @param rewind      how many of the newest events to send first when there is no cursor: 0 for none, at most
 *                    {@value #MAX_REWIND}; always 0 when there is a cursor
 */
public record StreamRequest(Set<String> channels, String lastEventId, int rewind) {

    /** The header an {@code EventSource} sends on reconnection. */
    public static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    /** The query parameters that carry the cursor, in precedence order. */
    public static final List<String> LAST_EVENT_ID_PARAMS = List.of("lastEventId", "last_event_id", "Last-Event-ID");
    /** The query parameter of a backfill from an id, below every {@link #LAST_EVENT_ID_PARAMS cursor name}. */
    public static final String SINCE_PARAM = "since";
    /** The query parameter asking for the newest events when there is no cursor. */
    public static final String REWIND_PARAM = "rewind";
    /** The most events a rewind sends. */
    public static final int MAX_REWIND = 100;
    /**
     * The most patterns one stream or poll may name: each is matched against every event of the node by the broker,
     * so the cost per event grows with the patterns subscribed; a constant, as no deployment has asked for more.
     */
    public static final int MAX_PATTERNS = 8;
    /** The query parameter naming a channel, once per channel. */
    public static final String CHANNEL_PARAM = "channel";

    public StreamRequest {
        channels = Collections.unmodifiableSet(new LinkedHashSet<>(channels));
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a stream needs at least one channel");
        }
        if (rewind < 0 || rewind > MAX_REWIND) {
            throw new IllegalArgumentException("rewind must be 0 to " + MAX_REWIND + ", got " + rewind);
        }
        if (lastEventId != null) {
            rewind = 0;
        }
    }

    /** A request without rewind: resume after {@code lastEventId}, or start at the head when it is {@code null}. */
    public StreamRequest(Set<String> channels, String lastEventId) {
        this(channels, lastEventId, 0);
    }

    /**
     * Reads a request.
     *
     * @param lastEventIdHeader the {@value #LAST_EVENT_ID_HEADER} header, or {@code null}
     * @param query             every value of a decoded query parameter, in request order (empty when absent)
     * @param maxChannels       the most channels one request may name
     * @throws InvalidRequestException when a channel name is invalid or too many are named, when a cursor cannot be an
     *                                 id, or when {@value #REWIND_PARAM} is not a whole number from 0
     */
    public static StreamRequest read(String lastEventIdHeader, Function<String, List<String>> query, int maxChannels) {
        Set<String> channels = channelsOf(query.apply(CHANNEL_PARAM), maxChannels);
        String cursor = cursorOf(lastEventIdHeader, query);
        return new StreamRequest(channels, cursor, cursor != null ? 0 : rewindOf(onlyValue(query, REWIND_PARAM)));
    }

    private static Set<String> channelsOf(List<String> named, int maxChannels) {
        if (named == null || named.isEmpty()) {
            return Set.of(ChannelNames.DEFAULT);
        }
        if (named.size() > maxChannels) {
            throw new InvalidRequestException("a stream may name at most " + maxChannels + " channels, got " + named.size());
        }
        Set<String> channels = new LinkedHashSet<>();
        int patterns = 0;
        for (String name : named) {
            try {
                channels.add(ChannelNames.checkPublic(name));
            } catch (InvalidChannelException invalid) {
                throw new InvalidRequestException(invalid.getMessage());
            }
            if (ChannelNames.isPattern(name)) {
                if (name.contains("**")) {
                    throw new InvalidRequestException(CHANNEL_PARAM + " pattern \"" + name + "\" does not parse: "
                            + "write one * for any run of characters, never **");
                }
                patterns++;
            }
        }
        if (patterns > MAX_PATTERNS) {
            throw new InvalidRequestException("a stream may name at most " + MAX_PATTERNS + " " + CHANNEL_PARAM
                    + " patterns (names holding *), got " + patterns);
        }
        return channels;
    }

    private static String cursorOf(String header, Function<String, List<String>> query) {
        if (header != null && !header.isEmpty()) {
            return checkedCursor(LAST_EVENT_ID_HEADER + " header", header);
        }
        for (String name : LAST_EVENT_ID_PARAMS) {
            String value = onlyValue(query, name);
            if (value != null) {
                return checkedCursor(name, value);
            }
        }
        String since = onlyValue(query, SINCE_PARAM);
        return since == null ? null : checkedCursor(SINCE_PARAM, since);
    }

    private static String checkedCursor(String where, String id) {
        if (id.length() > HeraldId.MAX_LENGTH) {
            throw new InvalidRequestException(where + " is not an event id: an id is at most " + HeraldId.MAX_LENGTH
                    + " characters, got " + id.length());
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                throw new InvalidRequestException(where + " is not an event id: an id never holds a line break or NUL");
            }
        }
        return id;
    }

    private static int rewindOf(String value) {
        if (value == null) {
            return 0;
        }
        boolean digits = !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits) {
            throw new InvalidRequestException(REWIND_PARAM + " must be a whole number of events from 0 (at most "
                    + MAX_REWIND + " are sent), got \"" + value + "\"");
        }
        // Long digit strings are simply large: only their size against the cap matters.
        return value.length() > 9 ? MAX_REWIND : Math.min(MAX_REWIND, Integer.parseInt(value));
    }

    /** The one value of a parameter ({@link SingleValue}), or {@code null} when absent or empty. */
    private static String onlyValue(Function<String, List<String>> query, String name) {
        String value = SingleValue.of("the query parameter " + name, query.apply(name));
        return value == null || value.isEmpty() ? null : value;
    }
}
