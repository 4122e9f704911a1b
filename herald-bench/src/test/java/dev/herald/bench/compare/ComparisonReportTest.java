package dev.herald.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ComparisonReportTest {

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Figures.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Figures.median(List.of(4.0, 1.0))).isEqualTo(2.5);
        assertThat(Figures.median(List.of())).isNaN();
    }

    @Test
    void ratiosReadHeraldOverNchan() {
        assertThat(Figures.ratio(600_000, 150_000)).isEqualTo("4.00 ×");
        assertThat(Figures.ratio(0, 0)).isEqualTo("equal");
        assertThat(Figures.ratio(3, 0)).isEqualTo("–");
    }

    @Test
    void onlyTheMarkedSectionIsReplaced() {
        String document = "# Benchmarks\n\nintro\n\n" + ComparisonReport.BEGIN + "\nold\n" + ComparisonReport.END
                + "\n\n## JMH\nkept\n";

        String updated = ComparisonReport.spliced(document, "new\n");

        assertThat(updated).isEqualTo("# Benchmarks\n\nintro\n\n" + ComparisonReport.BEGIN + "\nnew\n"
                + ComparisonReport.END + "\n\n## JMH\nkept\n");
        assertThat(ComparisonReport.spliced("# B\n", "new\n"))
                .isEqualTo("# B\n\n" + ComparisonReport.BEGIN + "\nnew\n" + ComparisonReport.END + "\n");
    }

    @Test
    void writesMediansRatiosAndChartDataFromTheHarnessLines(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("runs.jsonl");
        Files.write(results, List.of(
                run("herald", 600_000, 20), run("nchan", 200_000, 60),
                run("herald", 800_000, 30), run("nchan", 100_000, 80)));
        Path doc = dir.resolve("BENCHMARKS.md");
        Files.writeString(doc, "# Benchmarks\n");

        int exit = new CommandLine(new ComparisonReport()).execute("--results", results.toString(),
                "--doc", doc.toString(), "--charts", dir.resolve("charts").toString(), "--command", "bench/x.sh",
                "--setup", "defaults", "--machine", "2 cores", "--date", "2026-11-23");

        String written = Files.readString(doc);
        assertThat(exit).isZero();
        assertThat(written).contains("| 1,000 subscribers, as fast as possible, 8 publishes in flight "
                + "| deliveries/s | 700,000 (600,000, 800,000) | 150,000 (200,000, 100,000) | 4.67 × |");
        assertThat(written).contains("| p99 latency, ms | 25.0 (20.0, 30.0) | 70.0 (60.0, 80.0) | 0.36 × |");
        assertThat(Files.readString(dir.resolve("charts/throughput.dat")))
                .contains("fanout-1k-inflight8 700000.000 150000.000");
        assertThat(Files.readString(dir.resolve("charts/latency-fanout-1k-inflight8.dat")))
                .contains("99 30.0 80.0").doesNotContain("\n100 ");
    }

    @Test
    void theSustainedRateIsTheHighestStepBeforeTheFirstConfirmedBreak() throws Exception {
        List<JsonNode> steps = parse(
                step("herald", 1, 100, 100, 0, 20), step("herald", 1, 200, 200, 0, 30),
                // broke once, passed when run again: the rate counts as sustained
                step("herald", 1, 400, 380, 0, 40), step("herald", 1, 400, 400, 0, 45),
                // broke twice: the series ends here, whatever a higher rate did
                step("herald", 1, 800, 800, 0, 150), step("herald", 1, 800, 800, 3, 90),
                step("herald", 1, 1600, 1600, 0, 50));

        SustainedRate found = SustainedRate.of(steps);

        assertThat(found.rate()).isEqualTo(400);
        assertThat(found.deliveriesPerS()).isEqualTo(400_000.0);
        assertThat(found.brokeAt()).contains("800 msg/s: 3 lost");
    }

    @Test
    void aStepBreaksOnAnyOfItsFourConditions() throws Exception {
        assertThat(SustainedRate.broken(parse(step("nchan", 1, 500, 495, 0, 99.9)).get(0))).isEmpty();
        assertThat(SustainedRate.broken(parse(step("nchan", 1, 500, 494, 0, 20)).get(0)))
                .contains("published 99 % of the rate");
        assertThat(SustainedRate.broken(parse(step("nchan", 1, 500, 500, 0, 100)).get(0))).contains("p99 100 ms");
        // 5 in a window of 1.04 s at 5 msg/s (4.8 a second): one message short is rounding, two are not
        assertThat(SustainedRate.broken(parse(line("sustained-1k", "herald", 1, "\"rate\":5,\"durationS\":1.04,"
                + "\"published\":5,\"publishedPerS\":4.81,\"p99Ms\":20")).get(0))).isEmpty();
        assertThat(SustainedRate.broken(parse(line("sustained-1k", "herald", 1, "\"rate\":5,\"durationS\":1.04,"
                + "\"published\":4,\"publishedPerS\":3.85,\"p99Ms\":20")).get(0))).contains("published 77 % of the rate");
        assertThat(SustainedRate.broken(parse(step("nchan", 1, 500, 500, 2, 20)).get(0))).contains("2 lost");
        assertThat(SustainedRate.broken(parse(step("nchan", 1, 500, 500, 0, 20).replace("\"publishErrors\":0",
                "\"publishErrors\":1")).get(0))).contains("1 publish errors");
    }

    @Test
    void aSeriesWhoseFirstStepBreaksSustainedNothingAndEachRoundIsItsOwnSeries() throws Exception {
        List<JsonNode> runs = parse(
                step("nchan", 1, 100, 100, 0, 20), step("nchan", 1, 200, 150, 0, 20),
                step("nchan", 2, 100, 100, 0, 500), step("nchan", 2, 100, 100, 0, 400));

        List<SustainedRate> rounds = SustainedRate.perRound(runs, "sustained-1k", "nchan");

        assertThat(rounds).extracting(SustainedRate::rate).containsExactly(100, 0);
        assertThat(rounds.get(1).brokeAt()).contains("100 msg/s: p99 400 ms");
        assertThat(SustainedRate.of(parse(step("nchan", 1, 100, 100, 0, 20))).brokeAt()).isEqualTo(Optional.empty());
    }

    @Test
    void deliveriesPerServerCpuSecondAreTheWindowsDeliveriesOverTheServersCpuTime() throws Exception {
        JsonNode run = parse("{\"label\":\"pinned-1k-inflight1\",\"api\":\"herald\",\"deliveriesPerS\":100000,"
                + "\"durationS\":10.0,\"serverCpuS\":4.0}").get(0);
        JsonNode withoutPid = parse("{\"label\":\"pinned-1k-inflight1\",\"api\":\"herald\",\"deliveriesPerS\":1,"
                + "\"durationS\":10.0,\"serverCpuS\":null}").get(0);

        assertThat(Runs.figure(run, Scenario.DELIVERIES_PER_CPU_S)).isEqualTo(250_000.0);
        assertThat(Runs.figure(withoutPid, Scenario.DELIVERIES_PER_CPU_S)).isNaN();
    }

    @Test
    void theTargetsTableJudgesEachTargetFromTheRuns() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int inFlight : Scenario.IN_FLIGHT) {
            lines.add(line("fanout-1k-inflight" + inFlight, "herald", 1, "\"deliveriesPerS\":500000,\"p99Ms\":40,\"lost\":0"));
            lines.add(line("fanout-1k-inflight" + inFlight, "nchan", 1, "\"deliveriesPerS\":200000,\"p99Ms\":50,\"lost\":0"));
        }
        lines.add(line("pinned-1k-inflight1", "herald", 1, "\"deliveriesPerS\":100000,\"durationS\":10,\"serverCpuS\":5"));
        lines.add(line("pinned-1k-inflight1", "nchan", 1, "\"deliveriesPerS\":200000,\"durationS\":10,\"serverCpuS\":10"));
        lines.add(line("idle-10k", "herald", 1, "\"memoryPerConnKiB\":12.0"));
        lines.add(line("idle-10k", "nchan", 1, "\"memoryPerConnKiB\":10.0"));
        lines.add(line("hold-19500", "herald", 1, "\"memoryPerConnKiB\":6.0"));
        lines.add(line("hold-19500", "nchan", 1, "\"memoryPerConnKiB\":10.0"));
        lines.add(line("rate10-10k", "herald", 1, "\"p99Ms\":80,\"lost\":0"));
        lines.add(line("rate10-10k", "nchan", 1, "\"p99Ms\":900,\"lost\":0"));
        lines.add(line("storm-19500", "herald", 1, "\"connectS\":3.0,\"streamsClosed\":0"));
        lines.add(line("storm-19500", "nchan", 1, "\"connectS\":2.0,\"streamsClosed\":0"));
        lines.add(line("rate10-10k", "nchan", 2, "\"rate\":10,\"failed\":\"exit status 124, stopped after 300 s\""));
        lines.add(line("redis-memory-inflight64", "herald", 1, "\"deliveriesPerS\":1000000,\"lost\":0"));
        lines.add(line("redis-pubsub-inflight64", "herald", 1, "\"deliveriesPerS\":600000,\"lost\":0"));
        lines.add(line("redis-streams-inflight64", "herald", 1, "\"deliveriesPerS\":400000,\"lost\":0"));
        lines.add(step("herald", 1, 1000, 1000, 0, 50));
        lines.add(step("nchan", 1, 400, 400, 0, 50));
        lines.add(step("nchan", 1, 800, 600, 0, 50));

        List<Targets.Row> rows = Targets.rows(parse(lines.toArray(String[]::new)));

        assertThat(rows).extracting(Targets.Row::number).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(rows.get(0).figure()).startsWith("1: 2.50 × (p99 40.0 against 50.0 ms)");
        assertThat(rows.get(0).result()).isEqualTo("**met**");
        // the 10k series is missing
        assertThat(rows.get(1).result()).isEqualTo("not measured");
        // per CPU second: 100,000 × 10 / 5 = 200,000 against 200,000 × 10 / 10 = 200,000; no run at 8 in flight
        assertThat(rows.get(2).result()).isEqualTo("not measured");
        assertThat(rows.get(4).figure()).isEqualTo("1,000 streams: 12.0 against 10.0 KiB (1.20 ×); "
                + "1,000 streams: 6.0 against 10.0 KiB (0.60 ×)");
        assertThat(rows.get(4).result()).isEqualTo("**missed**");
        // a failed Nchan run is counted, and does not change Herald's verdict
        assertThat(rows.get(5).figure()).endsWith("; failed runs (see Every run): Herald 0, Nchan 1");
        assertThat(rows.get(5).result()).isEqualTo("**met**");
        assertThat(rows.get(6).figure()).startsWith("1,000 streams: all answered after 3.0 s against 2.0 s (1.50 ×)");
        assertThat(rows.get(6).result()).isEqualTo("**missed**");
        assertThat(rows.get(7).figure()).isEqualTo("Pub/Sub: 0.60 × memory; Streams: 0.40 × memory");
        assertThat(rows.get(7).result()).isEqualTo("**missed**");
    }

    @Test
    void theReportHoldsTheSustainedRatesTheRedisRatiosAndTheTargets(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("runs.jsonl");
        Files.write(results, List.of(
                step("herald", 1, 1000, 1000, 0, 50), step("herald", 1, 2000, 2000, 0, 150),
                step("herald", 1, 2000, 2000, 0, 150),
                step("nchan", 1, 1000, 1000, 0, 50), step("nchan", 1, 2000, 2000, 0, 150),
                step("nchan", 1, 2000, 2000, 0, 150),
                step("herald", 2, 1000, 1000, 0, 50), step("herald", 2, 2000, 2000, 0, 50),
                step("nchan", 2, 1000, 1000, 0, 150), step("nchan", 2, 1000, 1000, 0, 150),
                line("redis-memory-inflight64", "herald", 1, "\"deliveriesPerS\":1000000,\"lost\":0"),
                line("redis-pubsub-inflight64", "herald", 1, "\"deliveriesPerS\":500000,\"lost\":0"),
                line("redis-memory-inflight64", "herald", 2, "\"deliveriesPerS\":2000000,\"lost\":0"),
                line("redis-pubsub-inflight64", "herald", 2, "\"deliveriesPerS\":500000,\"lost\":0"),
                line("storm-19500", "herald", 2, "\"rate\":10,\"failed\":\"only 9 of 10 streams opened within 60 s\"")));
        Path doc = dir.resolve("BENCHMARKS.md");

        int exit = new CommandLine(new ComparisonReport()).execute("--results", results.toString(),
                "--doc", doc.toString(), "--charts", dir.resolve("charts").toString(), "--command", "bench/x.sh",
                "--setup", "defaults", "--machine", "2 cores", "--date", "2026-11-29");

        String written = Files.readString(doc);
        assertThat(exit).isZero();
        assertThat(written).contains("| 1,000 | highest sustained rate, msg/s | 1,500 (1,000, 2,000) | 500 (1,000, 0) | 3.00 × |");
        assertThat(written).contains("| 1,000 | first broken step, each round | 2,000 msg/s: p99 150 ms; none: the ladder's "
                + "top was sustained | 2,000 msg/s: p99 150 ms; 1,000 msg/s: p99 150 ms | |");
        assertThat(written).contains("| pubsub | 500,000 (500,000, 500,000) | ");
        assertThat(written).contains("| 0.38 × (0.50, 0.25) |");
        assertThat(written).contains(Targets.TITLE).contains("| 2 | highest sustained open-loop rate")
                .contains("a ladder of steps (1 s warm-up, 5 s measured each)");
        assertThat(written).contains("| 2 | storm-19500 | herald | 10 | – | failed: only 9 of 10 streams opened within 60 s |"
                + " – |".repeat(13) + "\n");
        assertThat(written).contains("| 7 | 19,500 streams connecting at once to one channel all live no later than "
                + "Nchan's | no storm-19500 runs; failed runs (see Every run): Herald 1, Nchan 0 | **missed** |");
        assertThat(written.indexOf(Targets.TITLE)).isLessThan(written.indexOf(ComparisonReport.END));
        assertThat(Files.readString(dir.resolve("charts/inflight.dat"))).contains("1 NaN NaN");
    }

    private static List<JsonNode> parse(String... lines) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> runs = new ArrayList<>();
        for (String line : lines) {
            runs.add(json.readTree(line));
        }
        return runs;
    }

    /** One open-loop step at 1,000 subscribers. */
    private static String step(String api, int round, int rate, double publishedPerS, long lost, double p99) {
        return line("sustained-1k", api, round, "\"rate\":" + rate + ",\"maxInFlight\":1024,\"warmupS\":1,"
                + "\"durationS\":5.0,\"publishedPerS\":" + publishedPerS + ",\"deliveriesPerS\":" + publishedPerS * 1000
                + ",\"lost\":" + lost + ",\"publishErrors\":0,\"p99Ms\":" + p99);
    }

    private static String line(String label, String api, int round, String fields) {
        return "{\"round\":" + round + ",\"label\":\"" + label + "\",\"api\":\"" + api + "\",\"subscribers\":1000,"
                + fields + "}";
    }

    private static String run(String api, double deliveriesPerS, double p99) {
        return "{\"label\":\"fanout-1k-inflight8\",\"api\":\"" + api + "\",\"subscribers\":1000,\"deliveriesPerS\":" + deliveriesPerS
                + ",\"p50Ms\":1.0,\"p90Ms\":2.0,\"p99Ms\":" + p99 + ",\"maxMs\":99.0,\"lost\":0,\"duplicated\":0,"
                + "\"reordered\":0,\"streamsClosed\":0,\"serverCpuS\":8.0,\"harnessCpuS\":10.0,"
                + "\"latencyPercentilesMs\":{\"50\":1.0,\"99\":" + p99 + ",\"100\":99.0}}";
    }
}
