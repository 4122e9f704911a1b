package dev.herald.request;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * What a client asks of a poll: where to start, read exactly as a stream's ({@link StreamRequest}: channels, cursor,
 * {@code since}, {@code rewind}), and how long to wait for an event when there is none yet.
 *
 * <p>{@value #WAIT_PARAM}: absent means a short poll, answered at once; {@code wait=N} a long poll held up to
 * {@code N} whole seconds, at most {@value #MAX_WAIT_SECONDS} (a larger {@code N} is taken as
 * {@value #MAX_WAIT_SECONDS}); {@code wait} without a value (or {@code wait=}) means {@value #DEFAULT_WAIT_SECONDS}
 * seconds, under the 30 s after which many proxies give up on a quiet request. Anything else is refused. A repeated
 * {@code wait} is refused, as every parameter that takes one value ({@link SingleValue}).
 *
 * @param stream the channels and the start, as a stream reads them
 * @param maxWait how long to hold the request while there is no event; {@link Duration#ZERO} for a short poll
 */
public record PollRequest(StreamRequest stream, Duration maxWait) {

    /** The query parameter of a long poll's wait, in whole seconds. */
    public static final String WAIT_PARAM = "wait";
    /** The wait of {@code wait} given without a value. */
    public static final int DEFAULT_WAIT_SECONDS = 25;
    /** The longest wait. */
    public static final int MAX_WAIT_SECONDS = 60;

    /**
     * Reads a request.
     *
     * @throws InvalidRequestException as {@link StreamRequest#read} does, or when {@value #WAIT_PARAM} is not a whole
     *                                 number of seconds from 0
     */
    public static PollRequest read(String lastEventIdHeader, Function<String, List<String>> query, int maxChannels) {
        StreamRequest stream = StreamRequest.read(lastEventIdHeader, query, maxChannels);
        return new PollRequest(stream, Duration.ofSeconds(waitSecondsOf(query.apply(WAIT_PARAM))));
    }

    /** Whether the poll may be held until an event arrives. */
    public boolean isLong() {
        return !maxWait.isZero();
    }

    private static int waitSecondsOf(List<String> values) {
        String value = SingleValue.of("the query parameter " + WAIT_PARAM, values);
        if (value == null) {
            return 0;
        }
        if (value.isEmpty()) {
            return DEFAULT_WAIT_SECONDS;
        }
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidRequestException(WAIT_PARAM + " must be a whole number of seconds from 0 (at most "
                    + MAX_WAIT_SECONDS + " are waited), or no value for " + DEFAULT_WAIT_SECONDS + ", got \"" + value + "\"");
        }
        return value.length() > 9 ? MAX_WAIT_SECONDS : Math.min(MAX_WAIT_SECONDS, Integer.parseInt(value));
    }
}
