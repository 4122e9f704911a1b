package dev.herald.bench.compare;

import static dev.herald.bench.compare.Figures.cell;
import static dev.herald.bench.compare.Figures.median;
import static dev.herald.bench.compare.Figures.number;
import static dev.herald.bench.compare.Figures.ratio;
import static dev.herald.bench.compare.Figures.seconds;
import static dev.herald.bench.compare.Figures.whole;
import static dev.herald.bench.compare.Runs.figure;
import static dev.herald.bench.compare.Runs.labels;
import static dev.herald.bench.compare.Runs.readRuns;
import static dev.herald.bench.compare.Runs.redisRatios;
import static dev.herald.bench.compare.Runs.round;
import static dev.herald.bench.compare.Runs.rounds;
import static dev.herald.bench.compare.Runs.subscribers;
import static dev.herald.bench.compare.Runs.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns the harness's JSON lines from {@code bench/compare-nchan.sh} into the comparison section of
 * {@code docs/BENCHMARKS.md} (medians, Herald/Nchan ratios, the sustained rates, the Redis modes, every run and
 * the targets of issue 12) and into the data files its charts are drawn from. The section lies between two marker comments; the rest of the document is left as it is.
 */
@Command(name = "comparison-report", mixinStandardHelpOptions = true,
        description = "Writes the Herald-versus-Nchan section of a Markdown document and the chart data.")
public final class ComparisonReport implements Callable<Integer> {

    static final String BEGIN = "<!-- herald-vs-nchan:begin (written by bench/compare-nchan.sh) -->";
    static final String END = "<!-- herald-vs-nchan:end -->";
    /** The labels of the sustained-rate series start with this: {@code sustained-1k}, {@code sustained-10k}. */
    static final String SUSTAINED_PREFIX = "sustained-";
    static final String REDIS_MEMORY = "redis-memory-inflight64";
    static final String REDIS_PUBSUB = "redis-pubsub-inflight64";
    static final String REDIS_STREAMS = "redis-streams-inflight64";

    @Option(names = "--results", required = true, paramLabel = "FILE",
            description = "The harness's JSON lines, one per run")
    private Path results;

    @Option(names = "--doc", required = true, paramLabel = "FILE",
            description = "The Markdown document to update")
    private Path doc;

    @Option(names = "--charts", required = true, paramLabel = "DIR",
            description = "Folder for the chart data (.dat files)")
    private Path charts;

    @Option(names = "--chart-link", defaultValue = "bench", paramLabel = "PATH",
            description = "The charts' folder as the document links it")
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
        ChartData.write(runs, charts);
        String section = section(runs);
        Files.writeString(doc, spliced(Files.exists(doc) ? Files.readString(doc) : "", section));
        return 0;
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
                + "round (A B A B); ").append(rounds(runs)).append(" round(s) here. The load harness (`herald-bench`) "
                + "runs on the same machine: its subscribers and its publisher share one process, so latency is "
                + "publish-to-receive on one clock. A median of two rounds is the mean of the two. Memory is the "
                + "proportional set size (PSS) of the server and its child processes, so nginx's master and workers "
                + "count once each and shared pages are not counted twice; \"per stream\" is the growth from before "
                + "the streams opened to the end of the idle hold, divided by the streams. Latencies of 10 s or more "
                + "count as 10 s. \"Pinned\" runs put the server on CPU 0 (`taskset -c 0`, nginx with one worker, "
                + "Herald with one event loop where it has the option) and the harness on CPU 1; deliveries per "
                + "second of server CPU are the deliveries of the measured window over the server's CPU seconds in "
                + "it (user + system, its child processes included). The connect storm opens every stream at once "
                + "(`--max-connecting` = the streams) and times until each has its response headers. Herald sends "
                + "its headers with a stream's opening `retry:` frame, once the stream has joined its channel on its "
                + "event loop and read where the channel's history stands, so an event published after them reaches "
                + "it (replayed if it came before the broker's subscription was ready): its headers mean live. "
                + "Nchan's are taken as the same; both storm runs then publish for a second and count what any "
                + "stream missed (\"events lost\").\n\n");
        out.append("| scenario | figure | Herald | Nchan | Herald / Nchan |\n|---|---|---:|---:|---:|\n");
        for (Scenario scenario : Scenario.ALL) {
            for (Scenario.Metric metric : scenario.metrics()) {
                List<Double> herald = values(runs, scenario.label(), "herald", metric.field());
                List<Double> nchan = values(runs, scenario.label(), "nchan", metric.field());
                if (herald.isEmpty() && nchan.isEmpty()) {
                    continue;
                }
                out.append("| ").append(title(runs, scenario)).append(" | ").append(metric.name()).append(" | ")
                        .append(cell(herald, metric.count())).append(" | ").append(cell(nchan, metric.count())).append(" | ")
                        .append(ratio(median(herald), median(nchan))).append(" |\n");
            }
        }
        out.append("\nEach cell is the median, with every round's figure in brackets.\n\n");
        out.append("![Deliveries/s against publishes in flight](").append(chartLink).append("/inflight.png)\n\n");
        sustained(out, runs);
        redis(out, runs);
        out.append("![Latency distribution](").append(chartLink).append("/latency.png)\n\n");
        out.append("![Throughput and memory](").append(chartLink).append("/throughput-memory.png)\n\n");
        everyRun(out, runs);
        out.append(Targets.section(runs));
        return out.toString();
    }

    /** The highest rate each server sustained, per series label, with every round's figure. */
    private static void sustained(StringBuilder out, List<JsonNode> runs) {
        List<String> labels = labels(runs, SUSTAINED_PREFIX);
        if (labels.isEmpty()) {
            return;
        }
        JsonNode first = runs.stream().filter(run -> labels.contains(run.path("label").asText())).findFirst().orElseThrow();
        out.append("### Sustained rate (open loop)\n\n");
        double[] warmups = runs.stream().filter(run -> labels.contains(run.path("label").asText()))
                .mapToDouble(run -> run.path("warmupS").asDouble(Double.NaN)).filter(warmup -> !Double.isNaN(warmup))
                .sorted().toArray();
        String warmup = warmups.length == 0 || warmups[0] == warmups[warmups.length - 1]
                ? seconds(first.path("warmupS").asDouble()) + " s warm-up"
                : seconds(warmups[0]) + " s warm-up, " + seconds(warmups[warmups.length - 1]) + " s for a series' first step";
        out.append(String.format(Locale.ROOT, "The publisher sends at a fixed rate R (`--rate R --max-in-flight %d`), "
                        + "whatever the answers; R climbs a ladder of steps (%s, %s s measured each) against "
                        + "one fresh server per series, until a step breaks. A step is sustained when the publisher "
                        + "achieved at least %.0f %% of R, nothing was lost, no publish failed and the p99 stayed under "
                        + "%.0f ms; a series' first broken step is run once more, and if that run passes the ladder goes on to "
                        + "the next break. Every step "
                        + "is in \"Every run\" below.%n%n", first.path("maxInFlight").asInt(),
                warmup, seconds(Math.round(first.path("durationS").asDouble())),
                100 * SustainedRate.MIN_ACHIEVED_SHARE, SustainedRate.MAX_P99_MS));
        out.append("| subscribers | figure | Herald | Nchan | Herald / Nchan |\n|---|---|---:|---:|---:|\n");
        for (String label : labels) {
            String subscribers = whole(subscribers(runs, label));
            List<SustainedRate> herald = SustainedRate.perRound(runs, label, "herald");
            List<SustainedRate> nchan = SustainedRate.perRound(runs, label, "nchan");
            List<Double> heraldRates = herald.stream().map(found -> (double) found.rate()).toList();
            List<Double> nchanRates = nchan.stream().map(found -> (double) found.rate()).toList();
            out.append("| ").append(subscribers).append(" | highest sustained rate, msg/s | ").append(cell(heraldRates, true))
                    .append(" | ").append(cell(nchanRates, true)).append(" | ")
                    .append(ratio(median(heraldRates), median(nchanRates))).append(" |\n");
            List<Double> heraldDeliveries = herald.stream().map(SustainedRate::deliveriesPerS).toList();
            List<Double> nchanDeliveries = nchan.stream().map(SustainedRate::deliveriesPerS).toList();
            out.append("| ").append(subscribers).append(" | deliveries/s at that rate | ").append(cell(heraldDeliveries, false))
                    .append(" | ").append(cell(nchanDeliveries, false)).append(" | ")
                    .append(ratio(median(heraldDeliveries), median(nchanDeliveries))).append(" |\n");
            out.append("| ").append(subscribers).append(" | first broken step, each round | ").append(brokenSteps(herald))
                    .append(" | ").append(brokenSteps(nchan)).append(" | |\n");
        }
        out.append("\n");
    }

    private static String brokenSteps(List<SustainedRate> series) {
        if (series.isEmpty()) {
            return "–";
        }
        return String.join("; ", series.stream()
                .map(found -> found.brokeAt().orElse("none: the ladder's top was sustained")).toList());
    }

    /** Herald's brokers at the same load: each Redis mode against the in-memory broker of the same round. */
    private static void redis(StringBuilder out, List<JsonNode> runs) {
        if (values(runs, REDIS_MEMORY, "herald", "deliveriesPerS").isEmpty()) {
            return;
        }
        JsonNode first = runs.stream().filter(run -> run.path("label").asText().equals(REDIS_MEMORY)).findFirst().orElseThrow();
        out.append("### Through Redis (Herald alone)\n\n");
        out.append(String.format(Locale.ROOT, "Herald with its in-memory broker, then `--redis <private redis-server> "
                        + "--redis-mode pubsub`, then `--redis-mode streams`, a fresh Herald each, %s subscribers, as "
                        + "fast as possible with %d publishes in flight. Nchan has no peer here: the ratio is each mode "
                        + "against the in-memory broker of the same round.%n%n", whole(first.path("subscribers").asDouble()),
                first.path("maxInFlight").asInt()));
        out.append("| broker | deliveries/s | p99 ms | events lost | against memory, same round |\n|---|---:|---:|---:|---:|\n");
        for (String label : List.of(REDIS_MEMORY, REDIS_PUBSUB, REDIS_STREAMS)) {
            List<Double> ratios = redisRatios(runs, label);
            out.append("| ").append(label.substring("redis-".length(), label.lastIndexOf('-'))).append(" | ")
                    .append(cell(values(runs, label, "herald", "deliveriesPerS"), false)).append(" | ")
                    .append(cell(values(runs, label, "herald", "p99Ms"), false)).append(" | ")
                    .append(cell(values(runs, label, "herald", "lost"), true)).append(" | ")
                    .append(ratios.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f ×", median(ratios)) + ratioList(ratios))
                    .append(" |\n");
        }
        out.append("\n");
    }

    private static String ratioList(List<Double> ratios) {
        return " (" + String.join(", ", ratios.stream().map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).toList()) + ")";
    }

    private static void everyRun(StringBuilder out, List<JsonNode> runs) {
        out.append("<details><summary>Every run</summary>\n\n");
        out.append("| round | scenario | server | rate | in flight | published/s | deliveries/s | p50 ms | p90 ms | p99 ms "
                + "| max ms | lost / dup / reordered | publish errors | streams ended | connect s | memory per stream KiB "
                + "| server CPU s | deliveries per server CPU s | harness CPU s |\n");
        out.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode run : runs) {
            if (run.has("failed")) {
                out.append("| ").append(round(run)).append(" | ").append(run.path("label").asText())
                        .append(" | ").append(run.path("api").asText())
                        .append(" | ").append(run.path("rate").asInt() == 0 ? "max" : whole(run.path("rate").asDouble()))
                        .append(" | – | failed: ").append(run.path("failed").asText().replace("|", "/"))
                        .append(" |").append(" – |".repeat(13)).append('\n');
                continue;
            }
            out.append("| ").append(round(run)).append(" | ").append(run.path("label").asText())
                    .append(" | ").append(run.path("api").asText())
                    .append(" | ").append(run.path("rate").asInt() == 0 ? "max" : whole(run.path("rate").asDouble()))
                    .append(" | ").append(run.path("maxInFlight").asInt())
                    .append(" | ").append(number(run.path("publishedPerS").asDouble()))
                    .append(" | ").append(number(run.path("deliveriesPerS").asDouble()))
                    .append(" | ").append(number(run.path("p50Ms").asDouble()))
                    .append(" | ").append(number(run.path("p90Ms").asDouble()))
                    .append(" | ").append(number(run.path("p99Ms").asDouble()))
                    .append(" | ").append(number(run.path("maxMs").asDouble()))
                    .append(" | ").append(run.path("lost").asLong()).append(" / ").append(run.path("duplicated").asLong())
                    .append(" / ").append(run.path("reordered").asLong())
                    .append(" | ").append(run.path("publishErrors").asLong())
                    .append(" | ").append(run.path("streamsClosed").asLong())
                    .append(" | ").append(number(run.path("connectS").asDouble(Double.NaN)))
                    .append(" | ").append(number(run.path("memoryPerConnKiB").asDouble(Double.NaN)))
                    .append(" | ").append(number(run.path("serverCpuS").asDouble(Double.NaN)))
                    .append(" | ").append(number(figure(run, Scenario.DELIVERIES_PER_CPU_S)))
                    .append(" | ").append(number(run.path("harnessCpuS").asDouble())).append(" |\n");
        }
        out.append("\n</details>\n\n");
    }

    /** The scenario's title with the streams and hold of its first run filled in. */
    private static String title(List<JsonNode> runs, Scenario scenario) {
        JsonNode first = runs.stream().filter(run -> run.path("label").asText().equals(scenario.label()))
                .findFirst().orElseThrow();
        return scenario.title().replace("{n}", whole(first.path("subscribers").asDouble()))
                .replace("{hold}", whole(first.path("holdS").asDouble()));
    }
}
