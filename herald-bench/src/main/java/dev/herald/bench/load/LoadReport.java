package dev.herald.bench.load;

import java.util.Map;

/**
 * The one JSON line a run prints. Figures cover the measured messages only; rates are per second of the
 * measured window. Server figures are {@code null} without {@code --pid}.
 *
 * @param label            the {@code --label} text
 * @param api              the server's API: {@code herald} or {@code nchan}
 * @param url              the server's base URL
 * @param subscribers      streams asked for (all of them opened, or the run fails)
 * @param channel          the channel used
 * @param rate             the target rate; 0 for as fast as possible
 * @param maxInFlight      the most publish requests outstanding
 * @param holdS            seconds every stream was held idle before publishing
 * @param warmupS          seconds of warm-up
 * @param durationS        seconds the measured window actually lasted
 * @param connectS         seconds until every stream had its response headers
 * @param published        measured messages answered 200
 * @param publishedPerS    {@code published} per second of the window
 * @param publishErrors    measured messages not answered 200
 * @param deliveries       measured events received by all streams, the draining after the window included
 * @param deliveriesPerS   measured events received during the window, per second
 * @param p50Ms            median publish-to-receive latency
 * @param p90Ms            90th percentile latency
 * @param p99Ms            99th percentile latency
 * @param maxMs            largest latency
 * @param latencyPercentilesMs the latency distribution: milliseconds by percentile, from 1 to 100
 * @param lost             published messages a stream never received, summed over streams
 * @param duplicated       events a stream received more than once
 * @param reordered        events received after one that was published only once they had been answered
 * @param streamsClosed    streams the server ended before the harness did
 * @param unexpectedEvents events without a benchmark stamp
 * @param serverMemoryBeforeKiB the server's memory (PSS, its child processes included) before the streams opened
 * @param serverMemoryIdleKiB the server's memory once every stream was open and held, before publishing
 * @param memoryPerConnKiB the growth between the two, per stream
 * @param serverCpuS       the server's CPU time (user + system) in the measured window
 * @param harnessCpuS      the harness's own CPU time in the measured window, every thread counted
 */
record LoadReport(String label, String api, String url, int subscribers, String channel, int rate, int maxInFlight,
                  double holdS, double warmupS, double durationS, double connectS,
                  long published, double publishedPerS, long publishErrors,
                  long deliveries, double deliveriesPerS,
                  double p50Ms, double p90Ms, double p99Ms, double maxMs, Map<String, Double> latencyPercentilesMs,
                  long lost, long duplicated, long reordered, long streamsClosed, long unexpectedEvents,
                  Long serverMemoryBeforeKiB, Long serverMemoryIdleKiB, Double memoryPerConnKiB,
                  Double serverCpuS, double harnessCpuS) {
}
