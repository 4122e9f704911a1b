package dev.herald.bench.compare;

import static dev.herald.bench.compare.Figures.median;
import static dev.herald.bench.compare.Figures.plain;
import static dev.herald.bench.compare.Runs.last;
import static dev.herald.bench.compare.Runs.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data files the comparison's charts are drawn from (gnuplot's columns, one file a chart). */
final class ChartData {

    private ChartData() {
    }

    /** Latency percentiles of the last run of each server, and the medians drawn as bars. */
    static void write(List<JsonNode> runs, Path charts) throws IOException {
        for (String label : List.of("rate100-1k", "rate10-10k", "fanout-1k-inflight8")) {
            Optional<JsonNode> herald = last(runs, label, "herald");
            Optional<JsonNode> nchan = last(runs, label, "nchan");
            StringBuilder data = new StringBuilder("# percentile herald_ms nchan_ms\n");
            JsonNode percentiles = herald.or(() -> nchan).map(run -> run.path("latencyPercentilesMs")).orElse(null);
            if (percentiles != null) {
                for (Map.Entry<String, JsonNode> field : percentiles.properties()) {
                    String percentile = field.getKey();
                    if (percentile.equals("100")) {
                        continue; // the maximum cannot sit on a 1/(1-p) axis
                    }
                    data.append(percentile).append(' ').append(latency(herald, percentile))
                            .append(' ').append(latency(nchan, percentile)).append('\n');
                }
            }
            Files.writeString(charts.resolve("latency-" + label + ".dat"), data);
        }
        writeBars(runs, charts, "throughput.dat", "deliveriesPerS", List.of("fanout-1k-inflight8", "fanout-1k-inflight32"));
        StringBuilder inFlight = new StringBuilder("# in_flight herald_deliveries_per_s nchan_deliveries_per_s\n");
        for (int n : Scenario.IN_FLIGHT) {
            inFlight.append(n).append(' ').append(plain(median(values(runs, Scenario.fanOutLabel(n), "herald", "deliveriesPerS"))))
                    .append(' ').append(plain(median(values(runs, Scenario.fanOutLabel(n), "nchan", "deliveriesPerS"))))
                    .append('\n');
        }
        Files.writeString(charts.resolve("inflight.dat"), inFlight);
        writeBars(runs, charts, "memory.dat", "memoryPerConnKiB", List.of("idle-10k", "hold-19500"));
    }

    /** One line per scenario: the median of {@code field} for Herald, then for Nchan. */
    private static void writeBars(List<JsonNode> runs, Path charts, String file, String field, List<String> labels)
            throws IOException {
        StringBuilder bars = new StringBuilder("# scenario herald nchan\n");
        for (String label : labels) {
            bars.append(label).append(' ').append(plain(median(values(runs, label, "herald", field))))
                    .append(' ').append(plain(median(values(runs, label, "nchan", field)))).append('\n');
        }
        Files.writeString(charts.resolve(file), bars);
    }

    private static String latency(Optional<JsonNode> run, String percentile) {
        return run.map(found -> found.path("latencyPercentilesMs").path(percentile).asText("NaN")).orElse("NaN");
    }
}
