package dev.herald.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InflightReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void judgesEachInFlightCountAgainstNchanAndShowsThePacedRunWithoutAVerdict() throws Exception {
        List<JsonNode> runs = new ArrayList<>();
        runs.add(run("fanout-1k-inflight1", "herald", 300_000, 50));
        runs.add(run("fanout-1k-inflight1-unbounded", "herald", 250_000, 70));
        runs.add(run("fanout-1k-inflight1", "nchan", 120_000, 60));
        runs.add(run("fanout-1k-inflight1-paced", "herald", 120_000, 20));

        String report = InflightReport.report(runs);

        assertThat(report).contains("| 1 | Herald at Nchan's pace | 120,000 (120,000) | 10.0 (10.0) | 20.0 (20.0) |");
        assertThat(report).contains("- 1 in flight: Herald **met** (deliveries/s 2.50 × Nchan's, p99 50.0 against 60.0 ms)");
        assertThat(report).contains("with `--publish-backlog 0` **missed**");
        assertThat(report).doesNotContain("| 2 |").doesNotContain("2 in flight").doesNotContain("| 8 |");
    }

    @Test
    void aCountWithoutThePacedRunHasNoSuchRow() throws Exception {
        List<JsonNode> runs = List.of(run("fanout-1k-inflight8", "herald", 900_000, 100),
                run("fanout-1k-inflight8-unbounded", "herald", 800_000, 150),
                run("fanout-1k-inflight8", "nchan", 150_000, 400));

        assertThat(InflightReport.report(runs)).doesNotContain("pace").contains("- 8 in flight: Herald **met**");
    }

    private static JsonNode run(String label, String api, double deliveriesPerS, double p99Ms) throws Exception {
        return JSON.readTree(String.format(java.util.Locale.ROOT,
                "{\"round\":1,\"label\":\"%s\",\"api\":\"%s\",\"deliveriesPerS\":%s,\"p50Ms\":10,\"p99Ms\":%s,"
                        + "\"publishedPerS\":%s,\"publishErrors\":0,\"lost\":0}",
                label, api, deliveriesPerS, p99Ms, deliveriesPerS / 1000));
    }
}
