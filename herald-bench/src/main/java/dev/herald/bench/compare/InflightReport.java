package dev.herald.bench.compare;

import static dev.herald.bench.compare.Figures.cell;
import static dev.herald.bench.compare.Figures.median;
import static dev.herald.bench.compare.Figures.number;
import static dev.herald.bench.compare.Runs.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The backpressure target of issue 20 from the runs of {@code BENCH_ONLY=inflight bench/compare-nchan.sh}: at 1, 2
 * and 8 publishes in flight to 1,000 subscribers, Herald's deliveries/s at least {@value #FACTOR} × Nchan's and its p99
 * no worse than Nchan's, medians of the rounds. Herald runs twice per round: with its defaults (publishers slowed by
 * {@code --publish-backlog}), and with {@code --publish-backlog 0} (labels ending {@value #UNBOUNDED}: nothing slows a
 * publisher, as before the option), so the two compare in the same run. At 1 in flight a third Herald run (labels
 * ending {@value #PACED}) publishes at the pace Nchan reached just before in the same round: its p99 at Nchan's load,
 * shown with no verdict.
 *
 * <p>{@code java -cp herald-bench.jar dev.herald.bench.compare.InflightReport <results.jsonl>} prints a Markdown
 * table, one row per server and in-flight count, each cell the median and (in brackets) every round's figure, then a
 * verdict per in-flight count.
 */
final class InflightReport {

    static final double FACTOR = 2;
    static final String UNBOUNDED = "-unbounded";
    static final String PACED = "-paced";
    private static final int[] IN_FLIGHT = {1, 2, 8};

    private InflightReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: InflightReport <results.jsonl>");
            System.exit(2);
        }
        System.out.print(report(Runs.readRuns(Path.of(args[0]))));
    }

    static String report(List<JsonNode> runs) {
        StringBuilder out = new StringBuilder();
        out.append("| in flight | server | deliveries/s | p50 ms | p99 ms | published/s | publish errors | lost |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (int inFlight : IN_FLIGHT) {
            String label = "fanout-1k-inflight" + inFlight;
            if (values(runs, label, "nchan", "p99Ms").isEmpty()) {
                continue;
            }
            row(out, runs, inFlight, "Herald", label, "herald");
            row(out, runs, inFlight, "Herald, `--publish-backlog 0`", label + UNBOUNDED, "herald");
            row(out, runs, inFlight, "Nchan", label, "nchan");
            if (!values(runs, label + PACED, "herald", "p99Ms").isEmpty()) {
                row(out, runs, inFlight, "Herald at Nchan's pace", label + PACED, "herald");
            }
        }
        out.append('\n');
        for (int inFlight : IN_FLIGHT) {
            String label = "fanout-1k-inflight" + inFlight;
            if (values(runs, label, "nchan", "p99Ms").isEmpty()) {
                continue;
            }
            out.append("- ").append(inFlight).append(" in flight: ")
                    .append(verdict(runs, label, "Herald")).append("; ")
                    .append(verdict(runs, label + UNBOUNDED, "with `--publish-backlog 0`")).append('\n');
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<JsonNode> runs, int inFlight, String server, String label, String api) {
        out.append("| ").append(inFlight).append(" | ").append(server)
                .append(" | ").append(cell(values(runs, label, api, "deliveriesPerS"), true))
                .append(" | ").append(cell(values(runs, label, api, "p50Ms"), false))
                .append(" | ").append(cell(values(runs, label, api, "p99Ms"), false))
                .append(" | ").append(cell(values(runs, label, api, "publishedPerS"), true))
                .append(" | ").append(cell(values(runs, label, api, "publishErrors"), true))
                .append(" | ").append(cell(values(runs, label, api, "lost"), true)).append(" |\n");
    }

    /** Met or missed, with the two ratios: deliveries/s against Nchan's, p99 against Nchan's. */
    private static String verdict(List<JsonNode> runs, String heraldLabel, String who) {
        String nchanLabel = heraldLabel.replace(UNBOUNDED, "");
        double deliveries = median(values(runs, heraldLabel, "herald", "deliveriesPerS"));
        double p99 = median(values(runs, heraldLabel, "herald", "p99Ms"));
        double nchanDeliveries = median(values(runs, nchanLabel, "nchan", "deliveriesPerS"));
        double nchanP99 = median(values(runs, nchanLabel, "nchan", "p99Ms"));
        if (Double.isNaN(deliveries) || Double.isNaN(nchanDeliveries)) {
            return who + " not measured";
        }
        boolean met = deliveries >= FACTOR * nchanDeliveries && p99 <= nchanP99;
        return String.format(Locale.ROOT, "%s %s (deliveries/s %.2f × Nchan's, p99 %s against %s ms)", who,
                met ? "**met**" : "**missed**", deliveries / nchanDeliveries, number(p99), number(nchanP99));
    }
}
