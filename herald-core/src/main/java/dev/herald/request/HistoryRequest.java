package dev.herald.request;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.HeraldId;
import dev.herald.broker.InvalidChannelException;
import java.util.List;
import java.util.function.Function;

/**
 * {@code GET .../history?channel=<name>&limit=<n>&before=<id>}: one channel's retained events, read without
 * subscribing, newest first, a page of at most {@code limit} ({@value #DEFAULT_LIMIT} by default, at most
 * {@value #MAX_LIMIT}), older than the event {@code before} names when it is given.
 *
 * @param channel the channel, required, valid, not a pattern and not one of Herald's reserved {@code $} channels
 * @param limit   how many events at most, 1 to {@value #MAX_LIMIT}
 * @param before  the id of the event the page starts below (the previous page's {@code next}), or {@code null}
 */
public record HistoryRequest(String channel, int limit, String before) {

    public static final String CHANNEL_PARAM = "channel";
    public static final String LIMIT_PARAM = "limit";
    public static final String BEFORE_PARAM = "before";
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /**
     * Reads a request's query.
     *
     * @param query every value of a decoded query parameter, in request order (empty when absent)
     * @throws InvalidRequestException naming the parameter: {@code channel} missing, invalid, reserved or a pattern; {@code limit}
     *                                 not a whole number from 1 to {@value #MAX_LIMIT}; {@code before} not an id; any
     *                                 of them given twice
     */
    public static HistoryRequest read(Function<String, List<String>> query) {
        String channel = SingleValue.of("the query parameter " + CHANNEL_PARAM, query.apply(CHANNEL_PARAM));
        if (channel == null || channel.isEmpty()) {
            throw new InvalidRequestException("channel is required: /history?channel=<name>");
        }
        try {
            ChannelNames.checkPublic(channel);
        } catch (InvalidChannelException invalid) {
            throw new InvalidRequestException("channel: " + invalid.getMessage());
        }
        if (ChannelNames.isPattern(channel)) {
            // A page holds one channel's events, which carry no channel name: a pattern's would be ambiguous.
            throw new InvalidRequestException("channel: /history reads one channel, not a pattern (" + channel
                    + "); a stream or a poll may name a pattern");
        }
        String before = SingleValue.of("the query parameter " + BEFORE_PARAM, query.apply(BEFORE_PARAM));
        if (before != null && before.isEmpty()) {
            before = null;
        }
        if (before != null && (before.length() > HeraldId.MAX_LENGTH || before.chars().anyMatch(
                c -> c == '\n' || c == '\r' || c == '\0'))) {
            throw new InvalidRequestException("before is not an event id: an id is at most " + HeraldId.MAX_LENGTH
                    + " characters, without a line break or NUL");
        }
        return new HistoryRequest(channel, limitOf(SingleValue.of("the query parameter " + LIMIT_PARAM,
                query.apply(LIMIT_PARAM))), before);
    }

    private static int limitOf(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got " + value);
        }
        return Integer.parseInt(value);
    }
}
