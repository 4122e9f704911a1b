package dev.herald.bench.compare;

import java.util.List;

/**
 * One scenario of the comparison, as {@code bench/compare-nchan.sh} runs it (its label in the harness's output),
 * and the figures that matter for it.
 *
 * @param label   the harness's {@code --label}
 * @param title   what it measures, in a few words
 * @param metrics the figures shown for it, each a field of the harness's JSON line
 */
record Scenario(String label, String title, List<Metric> metrics) {

    /** A figure of the harness's output; a count is shown without decimals. */
    record Metric(String field, String name, boolean count) {
    }

    private static final Metric MEMORY_PER_CONN = new Metric("memoryPerConnKiB", "memory per stream, KiB", false);
    private static final Metric MEMORY_TOTAL = new Metric("serverMemoryIdleKiB", "server memory in all, KiB", true);
    private static final Metric CLOSED = new Metric("streamsClosed", "streams ended by the server", true);
    private static final Metric LOST = new Metric("lost", "events lost", true);
    private static final Metric DELIVERIES = new Metric("deliveriesPerS", "deliveries/s", false);
    private static final Metric P50 = new Metric("p50Ms", "p50 latency, ms", false);
    private static final Metric P99 = new Metric("p99Ms", "p99 latency, ms", false);
    private static final Metric SERVER_CPU = new Metric("serverCpuS", "server CPU s in the 10 s window", false);

    /** The scenarios in the order of the script and of the report. */
    static final List<Scenario> ALL = List.of(
            new Scenario("idle-10k", "10,000 idle streams, held 10 s", List.of(MEMORY_PER_CONN, MEMORY_TOTAL, CLOSED)),
            new Scenario("fanout-1k-inflight8", "1,000 subscribers, publish as fast as possible, 8 publishes in flight",
                    List.of(DELIVERIES, P50, P99, LOST, SERVER_CPU)),
            new Scenario("fanout-1k-inflight32", "1,000 subscribers, publish as fast as possible, 32 publishes in flight",
                    List.of(DELIVERIES, P50, P99, LOST, SERVER_CPU)),
            new Scenario("rate100-1k", "1,000 subscribers × 100 msg/s", List.of(P50, P99, LOST, SERVER_CPU)),
            new Scenario("rate10-10k", "10,000 subscribers × 10 msg/s", List.of(P50, P99, LOST, SERVER_CPU)),
            new Scenario("hold-19500", "19,500 idle streams held 60 s with heartbeats, then 10 msg/s for 5 s",
                    List.of(MEMORY_PER_CONN, MEMORY_TOTAL, CLOSED, LOST)));
}
