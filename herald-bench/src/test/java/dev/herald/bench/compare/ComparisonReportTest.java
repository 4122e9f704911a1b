package dev.herald.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ComparisonReportTest {

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(ComparisonReport.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(ComparisonReport.median(List.of(4.0, 1.0))).isEqualTo(2.5);
        assertThat(ComparisonReport.median(List.of())).isNaN();
    }

    @Test
    void ratiosReadHeraldOverNchan() {
        assertThat(ComparisonReport.ratio(600_000, 150_000)).isEqualTo("4.00 ×");
        assertThat(ComparisonReport.ratio(0, 0)).isEqualTo("equal");
        assertThat(ComparisonReport.ratio(3, 0)).isEqualTo("–");
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
        assertThat(written).contains("| 1,000 subscribers, publish as fast as possible, 8 publishes in flight "
                + "| deliveries/s | 700,000 (600,000, 800,000) | 150,000 (200,000, 100,000) | 4.67 × |");
        assertThat(written).contains("| p99 latency, ms | 25.0 (20.0, 30.0) | 70.0 (60.0, 80.0) | 0.36 × |");
        assertThat(Files.readString(dir.resolve("charts/throughput.dat")))
                .contains("fanout-1k-inflight8 700000.000 150000.000");
        assertThat(Files.readString(dir.resolve("charts/latency-fanout-1k-inflight8.dat")))
                .contains("99 30.0 80.0").doesNotContain("\n100 ");
    }

    private static String run(String api, double deliveriesPerS, double p99) {
        return "{\"label\":\"fanout-1k-inflight8\",\"api\":\"" + api + "\",\"deliveriesPerS\":" + deliveriesPerS
                + ",\"p50Ms\":1.0,\"p90Ms\":2.0,\"p99Ms\":" + p99 + ",\"maxMs\":99.0,\"lost\":0,\"duplicated\":0,"
                + "\"reordered\":0,\"streamsClosed\":0,\"serverCpuS\":8.0,\"harnessCpuS\":10.0,"
                + "\"latencyPercentilesMs\":{\"50\":1.0,\"99\":" + p99 + ",\"100\":99.0}}";
    }
}
