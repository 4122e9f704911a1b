package dev.herald.bench.compare;

import static dev.herald.bench.compare.Figures.median;
import static dev.herald.bench.compare.Figures.number;
import static dev.herald.bench.compare.Figures.whole;
import static dev.herald.bench.compare.Runs.subscribers;
import static dev.herald.bench.compare.Runs.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The table "Against the targets of issue 12": each target's figure from the runs and whether it was met. A target
 * whose runs are missing reads "not measured"; none is asserted anywhere else (the benchmark reports, the docs
 * record).
 */
final class Targets {

    static final String TITLE = "### Against the targets of issue 12";
    private static final double FAN_OUT_FACTOR = 2;
    private static final double MEMORY_FACTOR = 0.7;
    private static final double LATENCY_P99_MS = 100;
    private static final double REDIS_FACTOR = 0.5;

    private Targets() {
    }

    /** One row: what was aimed at, what was measured, and the verdict. */
    record Row(String number, String target, String figure, String result) {
    }

    static String section(List<JsonNode> runs) {
        StringBuilder out = new StringBuilder(TITLE).append("\n\n");
        out.append("From the runs above (medians over the rounds; Herald / Nchan in the same rounds). Written by the "
                + "script; the notes below the generated section explain the misses.\n\n");
        out.append("| # | target | figure | result |\n|---|---|---|---|\n");
        for (Row row : rows(runs)) {
            out.append("| ").append(row.number()).append(" | ").append(row.target()).append(" | ").append(row.figure())
                    .append(" | ").append(row.result()).append(" |\n");
        }
        return out.append('\n').toString();
    }

    static List<Row> rows(List<JsonNode> runs) {
        List<String> fanOut = Scenario.IN_FLIGHT.stream().map(Scenario::fanOutLabel).toList();
        List<String> pinned = Scenario.PINNED_IN_FLIGHT.stream().map(Scenario::pinnedLabel).toList();
        return List.of(withFailures(fanOut(runs), runs, fanOut), sustained(runs), withFailures(perCore(runs), runs, pinned),
                new Row("4", "every core: event loops default to the cores, JMH with 1 and 2 threads",
                        "not measured by this script (see the JMH sections)", "not measured"),
                withFailures(memory(runs), runs, List.of("idle-10k", "hold-19500")),
                withFailures(latency(runs), runs, List.of("rate10-10k")),
                withFailures(storm(runs), runs, List.of("storm-19500")),
                withFailures(redis(runs), runs, List.of(ComparisonReport.REDIS_MEMORY, ComparisonReport.REDIS_PUBSUB,
                        ComparisonReport.REDIS_STREAMS)));
    }

    /**
     * The row with the runs of {@code labels} whose harness failed counted in its figure; a failed Herald run misses
     * the target (a sustained-rate step that failed is a broken step instead, see {@link SustainedRate}).
     */
    private static Row withFailures(Row row, List<JsonNode> runs, List<String> labels) {
        long herald = failed(runs, labels, "herald");
        long nchan = failed(runs, labels, "nchan");
        if (herald + nchan == 0) {
            return row;
        }
        String figure = row.figure() + String.format(Locale.ROOT, "; failed runs (see Every run): Herald %d, Nchan %d",
                herald, nchan);
        return new Row(row.number(), row.target(), figure, herald > 0 ? verdict(false) : row.result());
    }

    private static long failed(List<JsonNode> runs, List<String> labels, String api) {
        return runs.stream().filter(run -> run.has("failed") && labels.contains(run.path("label").asText())
                && run.path("api").asText().equals(api)).count();
    }

    /** One key's share of a row: its figure and whether it met the target, or, not measured, what is missing. */
    private record Part(String figure, boolean measured, boolean met) {
        static Part of(String figure, boolean met) {
            return new Part(figure, true, met);
        }

        static Part missing(String what) {
            return new Part(what, false, false);
        }
    }

    /**
     * A row made of one part per key (an in-flight count, a label), joined with "; ": met when every part is; not
     * measured, saying what is missing, as soon as one part is.
     */
    private static <K> Row ofParts(String number, String target, List<K> keys, Function<K, Part> part) {
        List<String> figures = new ArrayList<>();
        boolean met = true;
        for (K key : keys) {
            Part found = part.apply(key);
            if (!found.measured()) {
                return new Row(number, target, found.figure(), "not measured");
            }
            figures.add(found.figure());
            met &= found.met();
        }
        return new Row(number, target, String.join("; ", figures), verdict(met));
    }

    /** The medians of one figure over the Herald and over the Nchan runs of one label; NaN where there are none. */
    private record Medians(double herald, double nchan) {
        static Medians of(List<JsonNode> runs, String label, String figure) {
            return new Medians(median(values(runs, label, "herald", figure)),
                    median(values(runs, label, "nchan", figure)));
        }

        boolean missing() {
            return Double.isNaN(herald) || Double.isNaN(nchan);
        }

        /** Herald's over Nchan's. */
        String times() {
            return Targets.times(herald, nchan);
        }
    }

    private static Row fanOut(List<JsonNode> runs) {
        String target = "fan-out at 1, 2, 8, 32 in flight ≥ 2 × Nchan, no loss, p99 no worse";
        return ofParts("1", target, Scenario.IN_FLIGHT, inFlight -> {
            String label = Scenario.fanOutLabel(inFlight);
            Medians rate = Medians.of(runs, label, "deliveriesPerS");
            if (rate.missing()) {
                return Part.missing("no runs at " + inFlight + " in flight");
            }
            Medians p99 = Medians.of(runs, label, "p99Ms");
            long lost = sum(values(runs, label, "herald", "lost"));
            return Part.of(String.format(Locale.ROOT, "%d: %s (p99 %s against %s ms%s)", inFlight, rate.times(),
                            number(p99.herald()), number(p99.nchan()), lost == 0 ? "" : ", " + whole(lost) + " lost"),
                    rate.herald() >= FAN_OUT_FACTOR * rate.nchan() && lost == 0 && p99.herald() <= p99.nchan());
        });
    }

    private static Row sustained(List<JsonNode> runs) {
        String target = "highest sustained open-loop rate ≥ 2 × Nchan at 1,000 and at 10,000 subscribers";
        return ofParts("2", target, List.of("sustained-1k", "sustained-10k"), label -> {
            List<SustainedRate> herald = SustainedRate.perRound(runs, label, "herald");
            List<SustainedRate> nchan = SustainedRate.perRound(runs, label, "nchan");
            if (herald.isEmpty() || nchan.isEmpty()) {
                return Part.missing("no " + label + " series");
            }
            double heraldRate = median(herald.stream().map(found -> (double) found.rate()).toList());
            double nchanRate = median(nchan.stream().map(found -> (double) found.rate()).toList());
            return Part.of(String.format(Locale.ROOT, "%s subscribers: %s against %s msg/s (%s)",
                            whole(subscribers(runs, label)), whole(heraldRate), whole(nchanRate),
                            times(heraldRate, nchanRate)),
                    heraldRate > 0 && heraldRate >= FAN_OUT_FACTOR * nchanRate);
        });
    }

    private static Row perCore(List<JsonNode> runs) {
        String target = "pinned to one core: deliveries per second of server CPU ≥ 2 × Nchan at 1 and 8 in flight";
        return ofParts("3", target, Scenario.PINNED_IN_FLIGHT, inFlight -> {
            Medians perCpu = Medians.of(runs, Scenario.pinnedLabel(inFlight), Scenario.DELIVERIES_PER_CPU_S);
            if (perCpu.missing()) {
                return Part.missing("no pinned runs with the server's CPU at " + inFlight + " in flight");
            }
            return Part.of(String.format(Locale.ROOT, "%d: %s against %s (%s)", inFlight, whole(perCpu.herald()),
                    whole(perCpu.nchan()), perCpu.times()), perCpu.herald() >= FAN_OUT_FACTOR * perCpu.nchan());
        });
    }

    private static Row memory(List<JsonNode> runs) {
        String target = "idle memory per stream ≤ 0.7 × Nchan at 10,000 and at 19,500 streams";
        return ofParts("5", target, List.of("idle-10k", "hold-19500"), label -> {
            Medians perStream = Medians.of(runs, label, "memoryPerConnKiB");
            if (perStream.missing()) {
                return Part.missing("no " + label + " runs");
            }
            return Part.of(String.format(Locale.ROOT, "%s streams: %s against %s KiB (%s)",
                    whole(subscribers(runs, label)), number(perStream.herald()), number(perStream.nchan()),
                    perStream.times()), perStream.herald() <= MEMORY_FACTOR * perStream.nchan());
        });
    }

    private static Row latency(List<JsonNode> runs) {
        String target = "10,000 subscribers × 10 msg/s: p99 under 100 ms";
        double herald = median(values(runs, "rate10-10k", "herald", "p99Ms"));
        if (Double.isNaN(herald)) {
            return new Row("6", target, "no rate10-10k runs", "not measured");
        }
        double nchan = median(values(runs, "rate10-10k", "nchan", "p99Ms"));
        long lost = sum(values(runs, "rate10-10k", "herald", "lost"));
        return new Row("6", target, String.format(Locale.ROOT, "%s subscribers: p99 %s ms (Nchan %s ms)%s",
                whole(subscribers(runs, "rate10-10k")), number(herald), number(nchan), lost == 0 ? "" : ", " + whole(lost) + " lost"),
                verdict(herald < LATENCY_P99_MS && lost == 0));
    }

    private static Row storm(List<JsonNode> runs) {
        String target = "19,500 streams connecting at once to one channel all live no later than Nchan's";
        Medians connect = Medians.of(runs, "storm-19500", "connectS");
        if (connect.missing()) {
            return new Row("7", target, "no storm-19500 runs", "not measured");
        }
        long ended = sum(values(runs, "storm-19500", "herald", "streamsClosed"));
        return new Row("7", target, String.format(Locale.ROOT, "%s streams: all answered after %s s against %s s (%s)%s",
                whole(subscribers(runs, "storm-19500")), number(connect.herald()), number(connect.nchan()),
                connect.times(), ended == 0 ? "" : ", " + whole(ended) + " ended by Herald"),
                verdict(connect.herald() <= connect.nchan() && ended == 0));
    }

    private static Row redis(List<JsonNode> runs) {
        String target = "Redis Pub/Sub and Streams at 64 in flight ≥ 0.5 × the in-memory broker, no loss";
        return ofParts("8", target, List.of(ComparisonReport.REDIS_PUBSUB, ComparisonReport.REDIS_STREAMS), label -> {
            List<Double> ratios = Runs.redisRatios(runs, label);
            if (ratios.isEmpty()) {
                return Part.missing("no " + label + " runs beside an in-memory one");
            }
            long lost = sum(values(runs, label, "herald", "lost"));
            String mode = label.contains("pubsub") ? "Pub/Sub" : "Streams";
            return Part.of(String.format(Locale.ROOT, "%s: %.2f × memory%s", mode, median(ratios),
                    lost == 0 ? "" : ", " + whole(lost) + " lost"), median(ratios) >= REDIS_FACTOR && lost == 0);
        });
    }

    private static String times(double herald, double nchan) {
        if (nchan == 0) {
            return herald == 0 ? "both 0" : "Nchan 0";
        }
        return String.format(Locale.ROOT, "%.2f ×", herald / nchan);
    }

    private static long sum(List<Double> counts) {
        return Math.round(counts.stream().mapToDouble(Double::doubleValue).sum());
    }

    private static String verdict(boolean met) {
        return met ? "**met**" : "**missed**";
    }
}
