package dev.herald.bench.load;

import java.util.Arrays;
import java.util.Locale;

/**
 * The one JSON line a drain run prints: how the stopped node's clients came over to the other node. Instants are
 * seconds after the SIGTERM; "per second" arrays count what happened in each second after it (index 0: the first).
 *
 * @param label                 the {@code --label} text (which drain time node A had, say)
 * @param streams               clients, each with one stream on node A at the SIGTERM
 * @param rate                  messages published per second (to node B, reaching A through Redis)
 * @param published             measured messages answered 200 (from before the SIGTERM to the end of the run)
 * @param lost                  measured messages some client never received, summed over clients
 * @param duplicated            measured messages some client received twice, summed
 * @param reordered             measured messages some client received out of the publisher's order, summed
 * @param caughtUp              clients holding every measured message at the end
 * @param streamsEnded          streams node A ended (cleanly or by closing the connection)
 * @param reconnected           clients whose reconnect node B answered 200
 * @param failedAttempts        reconnects that failed and were tried again (refused, not 200)
 * @param gaveUp                clients that gave up after too many failed attempts
 * @param aExitS                when node A's process was gone; null if it outlived the run
 * @param endsPerSecond         streams ended by node A in each second
 * @param reconnectsPerSecond   reconnects node B answered in each second
 * @param peakReconnectsPerSecond the largest of {@code reconnectsPerSecond}
 * @param reconnectMedianS      the median instant of a reconnect
 * @param reconnectP99S         the 99th percentile instant of a reconnect
 * @param lastReconnectS        the last reconnect
 * @param gapMedianS            the median time a client was without a stream (its end to its reconnect)
 * @param gapMaxS               the longest such time
 * @param lastRetryMedianMs     the median of the last {@code retry} each client held when its stream ended
 * @param lastRetryMinMs        the smallest
 * @param lastRetryMaxMs        the largest
 */
record DrainReport(String label, int streams, int rate, long published, long lost, long duplicated, long reordered,
                   int caughtUp, int streamsEnded, int reconnected, long failedAttempts, int gaveUp, Double aExitS,
                   int[] endsPerSecond, int[] reconnectsPerSecond, int peakReconnectsPerSecond,
                   double reconnectMedianS, double reconnectP99S, double lastReconnectS, double gapMedianS,
                   double gapMaxS, long lastRetryMedianMs, long lastRetryMinMs, long lastRetryMaxMs) {

    /** The figures of a run whose SIGTERM was sent at {@code sigtermNanos}; {@code aExitNanos} is null if A lived on. */
    static DrainReport of(String label, int streams, int rate, long published, FailoverStreams.Tally tally,
                          long sigtermNanos, Long aExitNanos) {
        long[] ends = Arrays.stream(tally.endNanos()).map(t -> t - sigtermNanos).sorted().toArray();
        long[] reconnects = Arrays.stream(tally.reconnectNanos()).map(t -> t - sigtermNanos).sorted().toArray();
        long[] gaps = Arrays.stream(tally.gapNanos()).sorted().toArray();
        long[] retries = Arrays.stream(tally.lastRetries()).sorted().toArray();
        int[] reconnectsPerSecond = perSecond(reconnects);
        return new DrainReport(label, streams, rate, published, tally.lost(), tally.duplicated(), tally.reordered(),
                tally.caughtUp(), ends.length, reconnects.length, tally.failedAttempts(), tally.gaveUp(),
                aExitNanos == null ? null : seconds(aExitNanos - sigtermNanos),
                perSecond(ends), reconnectsPerSecond, Arrays.stream(reconnectsPerSecond).max().orElse(0),
                seconds(percentile(reconnects, 50)), seconds(percentile(reconnects, 99)),
                seconds(percentile(reconnects, 100)), seconds(percentile(gaps, 50)), seconds(percentile(gaps, 100)),
                percentile(retries, 50), percentile(retries, 0), percentile(retries, 100));
    }

    /** Counts per whole second after the SIGTERM, up to the last one that holds any; an instant before it counts in 0. */
    static int[] perSecond(long[] sortedNanos) {
        if (sortedNanos.length == 0) {
            return new int[0];
        }
        int[] counts = new int[(int) (Math.max(0, sortedNanos[sortedNanos.length - 1]) / 1_000_000_000L) + 1];
        for (long nanos : sortedNanos) {
            counts[(int) (Math.max(0, nanos) / 1_000_000_000L)]++;
        }
        return counts;
    }

    /** The nearest-rank percentile of sorted values; 0 for none. */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    /** The report as a small Markdown table, a row per second: streams A ended, reconnects B answered. */
    String table() {
        StringBuilder table = new StringBuilder("| second after SIGTERM | streams ended by A | reconnects answered by B |\n"
                + "|---:|---:|---:|\n");
        int seconds = Math.max(endsPerSecond.length, reconnectsPerSecond.length);
        for (int s = 0; s < seconds; s++) {
            table.append(String.format(Locale.ROOT, "| %d–%d | %d | %d |%n", s, s + 1,
                    s < endsPerSecond.length ? endsPerSecond[s] : 0,
                    s < reconnectsPerSecond.length ? reconnectsPerSecond[s] : 0));
        }
        return table.toString();
    }
}
