package dev.herald.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns the harness's JSON lines from {@code bench/compare-nchan.sh} into the comparison section of
 * {@code docs/BENCHMARKS.md} (medians, Herald/Nchan ratios, every run) and into the data files its charts are
 * drawn from. The section lies between two marker comments; the rest of the document is left as it is.
 */
@Command(name = "comparison-report", mixinStandardHelpOptions = true,
        description = "Writes the Herald-versus-Nchan section of a Markdown document and the chart data.")
public final class ComparisonReport implements Callable<Integer> {

    static final String BEGIN = "<!-- herald-vs-nchan:begin (written by bench/compare-nchan.sh) -->";
    static final String END = "<!-- herald-vs-nchan:end -->";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--results", required = true, description = "The harness's JSON lines, one per run")
    private Path results;

    @Option(names = "--doc", required = true, description = "The Markdown document to update")
    private Path doc;

    @Option(names = "--charts", required = true, description = "Folder for the chart data (.dat files)")
    private Path charts;

    @Option(names = "--chart-link", defaultValue = "bench", description = "The charts' folder as the document links it")
    private String chartLink;

    @Option(names = "--command", required = true, description = "The command that produced the results")
    private String command;

    @Option(names = "--setup", required = true, description = "How each server was run, one Markdown paragraph")
    private String setup;

    @Option(names = "--machine", required = true, description = "The machine, in a few words")
    private String machine;

    @Option(names = "--date", required = true, description = "The date of the run")
    private String date;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ComparisonReport()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        List<JsonNode> runs = readRuns(results);
        Files.createDirectories(charts);
        writeChartData(runs);
        String section = section(runs);
        Files.writeString(doc, spliced(Files.exists(doc) ? Files.readString(doc) : "", section));
        return 0;
    }

    static List<JsonNode> readRuns(Path file) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                runs.add(JSON.readTree(line));
            }
        }
        return runs;
    }

    /** The document with its comparison section replaced, or appended when it has none yet. */
    static String spliced(String document, String section) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            return document + (document.isEmpty() || document.endsWith("\n") ? "" : "\n") + "\n" + BEGIN + "\n"
                    + section + END + "\n";
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + section + document.substring(end);
    }

    private String section(List<JsonNode> runs) {
        StringBuilder out = new StringBuilder();
        out.append("## Herald against nginx + Nchan\n\n");
        out.append("- **Command**: `").append(command).append("`\n");
        out.append("- **Machine**: ").append(machine).append(". **Date**: ").append(date).append(".\n");
        out.append("- **Servers**: ").append(setup).append("\n");
        out.append("- **Method**: every scenario runs against a freshly started server, Herald then Nchan, round after "
                + "round (A B A B). The load harness (`herald-bench`) runs on the same machine: its subscribers and "
                + "its publisher share one process, so latency is publish-to-receive on one clock. A median of two "
                + "rounds is the mean of the two. Memory is the proportional set size (PSS) of the server and its "
                + "child processes, so nginx's master and workers count once each and shared pages are not counted "
                + "twice; \"per stream\" is the growth from before the streams opened to the end of the idle hold, "
                + "divided by the streams. Latencies of 10 s or more count as 10 s.\n\n");
        out.append("| scenario | figure | Herald | Nchan | Herald / Nchan |\n|---|---|---:|---:|---:|\n");
        for (Scenario scenario : Scenario.ALL) {
            for (Scenario.Metric metric : scenario.metrics()) {
                List<Double> herald = values(runs, scenario.label(), "herald", metric.field());
                List<Double> nchan = values(runs, scenario.label(), "nchan", metric.field());
                if (herald.isEmpty() && nchan.isEmpty()) {
                    continue;
                }
                out.append("| ").append(scenario.title()).append(" | ").append(metric.name()).append(" | ")
                        .append(cell(herald, metric.count())).append(" | ").append(cell(nchan, metric.count())).append(" | ")
                        .append(ratio(median(herald), median(nchan))).append(" |\n");
            }
        }
        out.append("\nEach cell is the median, with every round's figure in brackets.\n\n");
        out.append("![Latency distribution](").append(chartLink).append("/latency.png)\n\n");
        out.append("![Throughput and memory](").append(chartLink).append("/throughput-memory.png)\n\n");
        out.append("<details><summary>Every run</summary>\n\n");
        out.append("| scenario | server | deliveries/s | p50 ms | p90 ms | p99 ms | max ms | lost / dup / reordered "
                + "| publish errors | streams ended | memory per stream KiB | server CPU s | harness CPU s |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (JsonNode run : runs) {
            out.append("| ").append(run.path("label").asText()).append(" | ").append(run.path("api").asText())
                    .append(" | ").append(number(run.path("deliveriesPerS").asDouble()))
                    .append(" | ").append(number(run.path("p50Ms").asDouble()))
                    .append(" | ").append(number(run.path("p90Ms").asDouble()))
                    .append(" | ").append(number(run.path("p99Ms").asDouble()))
                    .append(" | ").append(number(run.path("maxMs").asDouble()))
                    .append(" | ").append(run.path("lost").asLong()).append(" / ").append(run.path("duplicated").asLong())
                    .append(" / ").append(run.path("reordered").asLong())
                    .append(" | ").append(run.path("publishErrors").asLong())
                    .append(" | ").append(run.path("streamsClosed").asLong())
                    .append(" | ").append(number(run.path("memoryPerConnKiB").asDouble()))
                    .append(" | ").append(number(run.path("serverCpuS").asDouble()))
                    .append(" | ").append(number(run.path("harnessCpuS").asDouble())).append(" |\n");
        }
        out.append("\n</details>\n\n");
        return out.toString();
    }

    /** Latency percentiles of the last run of each server, and the medians drawn as bars. */
    private void writeChartData(List<JsonNode> runs) throws IOException {
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
        writeBars(runs, "throughput.dat", "deliveriesPerS", List.of("fanout-1k-inflight8", "fanout-1k-inflight32"));
        writeBars(runs, "memory.dat", "memoryPerConnKiB", List.of("idle-10k", "hold-19500"));
    }

    /** One line per scenario: the median of {@code field} for Herald, then for Nchan. */
    private void writeBars(List<JsonNode> runs, String file, String field, List<String> labels) throws IOException {
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

    private static Optional<JsonNode> last(List<JsonNode> runs, String label, String api) {
        JsonNode found = null;
        for (JsonNode run : runs) {
            if (run.path("label").asText().equals(label) && run.path("api").asText().equals(api)) {
                found = run;
            }
        }
        return Optional.ofNullable(found);
    }

    static List<Double> values(List<JsonNode> runs, String label, String api, String field) {
        List<Double> values = new ArrayList<>();
        for (JsonNode run : runs) {
            if (run.path("label").asText().equals(label) && run.path("api").asText().equals(api)
                    && run.path(field).isNumber()) {
                values.add(run.path(field).asDouble());
            }
        }
        return values;
    }

    /** The median; of an even count, the mean of the middle two. NaN for none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String cell(List<Double> values, boolean count) {
        if (values.isEmpty()) {
            return "–";
        }
        StringBuilder cell = new StringBuilder(count ? whole(median(values)) : number(median(values))).append(" (");
        for (int i = 0; i < values.size(); i++) {
            cell.append(i == 0 ? "" : ", ").append(count ? whole(values.get(i)) : number(values.get(i)));
        }
        return cell.append(')').toString();
    }

    static String ratio(double herald, double nchan) {
        if (Double.isNaN(herald) || Double.isNaN(nchan)) {
            return "–";
        }
        if (nchan == 0) {
            return herald == 0 ? "equal" : "–";
        }
        return String.format(Locale.ROOT, "%.2f ×", herald / nchan);
    }

    /** Thousands separated, one decimal below 100, none above. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return Math.abs(value) < 100 ? String.format(Locale.ROOT, "%,.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String plain(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.3f", value);
    }
}
