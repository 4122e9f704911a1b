package dev.herald.bench.compare;

import java.util.List;

/**
 * One scenario of the comparison, as {@code bench/compare-nchan.sh} runs it (its label in the harness's output),
 * and the figures that matter for it.
 *
 * @param label   the harness's {@code --label}
 * @param title   what it measures, in a few words; {@code {n}} stands for the streams of its first run, {@code {hold}}
 *                for the seconds they were held idle (so that a quick run's smaller figures are named truly)
 * @param metrics the figures shown for it, each a field of the harness's JSON line or {@link #DELIVERIES_PER_CPU_S}
 */
record Scenario(String label, String title, List<Metric> metrics) {

    /** A figure of the harness's output; a count is shown without decimals. */
    record Metric(String field, String name, boolean count) {
    }

    /** Not a field of the harness: deliveries in the measured window per second of the server's CPU in it. */
    static final String DELIVERIES_PER_CPU_S = "deliveriesPerServerCpuS";

    /** The publishes in flight of the closed-loop fan-out series, each a scenario {@code fanout-1k-inflight<n>}. */
    static final List<Integer> IN_FLIGHT = List.of(1, 2, 8, 32);
    /** The publishes in flight of the pinned runs, each a scenario {@code pinned-1k-inflight<n>}. */
    static final List<Integer> PINNED_IN_FLIGHT = List.of(1, 8);

    static final Metric MEMORY_PER_CONN = new Metric("memoryPerConnKiB", "memory per stream, KiB", false);
    private static final Metric MEMORY_TOTAL = new Metric("serverMemoryIdleKiB", "server memory in all, KiB", true);
    static final Metric CLOSED = new Metric("streamsClosed", "streams ended by the server", true);
    static final Metric LOST = new Metric("lost", "events lost", true);
    static final Metric DELIVERIES = new Metric("deliveriesPerS", "deliveries/s", false);
    private static final Metric P50 = new Metric("p50Ms", "p50 latency, ms", false);
    static final Metric P99 = new Metric("p99Ms", "p99 latency, ms", false);
    private static final Metric SERVER_CPU = new Metric("serverCpuS", "server CPU s in the measured window", false);
    static final Metric PER_CPU = new Metric(DELIVERIES_PER_CPU_S, "deliveries per second of server CPU", false);
    static final Metric CONNECT = new Metric("connectS", "seconds until every stream had its response headers", false);

    /** The scenarios with a Herald and an Nchan run, in the order of the report. */
    static final List<Scenario> ALL = List.of(
            fanOut(1), fanOut(2), fanOut(8), fanOut(32),
            pinned(1), pinned(8),
            new Scenario("rate100-1k", "{n} subscribers × 100 msg/s", List.of(P50, P99, LOST, SERVER_CPU)),
            new Scenario("rate10-10k", "{n} subscribers × 10 msg/s", List.of(P50, P99, LOST, SERVER_CPU)),
            new Scenario("idle-10k", "{n} idle streams, held {hold} s", List.of(MEMORY_PER_CONN, MEMORY_TOTAL, CLOSED)),
            new Scenario("hold-19500", "{n} idle streams held {hold} s with heartbeats, then 10 msg/s",
                    List.of(MEMORY_PER_CONN, MEMORY_TOTAL, CLOSED, LOST)),
            new Scenario("storm-19500", "connect storm: {n} streams opened at once on one channel",
                    List.of(CONNECT, CLOSED, LOST)));

    static String fanOutLabel(int inFlight) {
        return "fanout-1k-inflight" + inFlight;
    }

    static String pinnedLabel(int inFlight) {
        return "pinned-1k-inflight" + inFlight;
    }

    private static Scenario fanOut(int inFlight) {
        return new Scenario(fanOutLabel(inFlight), "{n} subscribers, as fast as possible, " + inFlight
                + (inFlight == 1 ? " publish" : " publishes") + " in flight", List.of(DELIVERIES, P50, P99, LOST, SERVER_CPU));
    }

    private static Scenario pinned(int inFlight) {
        return new Scenario(pinnedLabel(inFlight), "pinned: server on CPU 0, harness on CPU 1, {n} subscribers, "
                + inFlight + (inFlight == 1 ? " publish" : " publishes") + " in flight",
                List.of(DELIVERIES, PER_CPU, SERVER_CPU, LOST));
    }
}
