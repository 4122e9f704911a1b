package dev.herald.bench.load;

import java.util.Optional;

/**
 * What a set of streams received so far, as seen on their event loop at one moment.
 *
 * @param connected        streams whose response headers arrived (status 200)
 * @param open             of those, streams the server has not ended or broken since
 * @param caughtUp         open streams that hold every message published so far
 * @param deliveries       measured events received, duplicates included
 * @param lost             measured messages a stream never received, summed over streams
 * @param duplicated       measured events received again
 * @param reordered        measured events received after one the publisher sent only once they were answered
 * @param unexpectedEvents events that carry no benchmark stamp (another publisher on the channel, history-gone...)
 * @param firstError       the first reason a stream could not be opened, if one was refused for good
 * @param lastFailure      the latest reason an attempt to open a stream failed (such attempts are retried)
 * @param latencies        publish-to-receive latencies of the measured events
 */
record StreamTally(int connected, int open, int caughtUp, long deliveries, long lost, long duplicated, long reordered,
                   long unexpectedEvents, Optional<String> firstError, Optional<String> lastFailure,
                   LatencyHistogram latencies) {

    /** The sum of this tally and {@code other}; {@code this} keeps its first error if both have one. */
    StreamTally plus(StreamTally other) {
        LatencyHistogram sum = latencies.copy();
        sum.add(other.latencies);
        return new StreamTally(connected + other.connected, open + other.open, caughtUp + other.caughtUp,
                deliveries + other.deliveries, lost + other.lost, duplicated + other.duplicated,
                reordered + other.reordered, unexpectedEvents + other.unexpectedEvents,
                firstError.or(other::firstError), other.lastFailure.or(this::lastFailure), sum);
    }

    /** A tally of no stream. */
    static StreamTally empty() {
        return new StreamTally(0, 0, 0, 0, 0, 0, 0, 0, Optional.empty(), Optional.empty(), new LatencyHistogram());
    }
}
