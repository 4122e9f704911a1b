package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrainReportTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void instantsAreCountedPerWholeSecondAfterTheSigterm() {
        assertThat(DrainReport.perSecond(new long[] {-5, 0, SECOND / 2, SECOND, 3 * SECOND + 1}))
                .containsExactly(3, 1, 0, 1);
        assertThat(DrainReport.perSecond(new long[0])).isEmpty();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {10, 20, 30, 40};
        assertThat(DrainReport.percentile(sorted, 50)).isEqualTo(20);
        assertThat(DrainReport.percentile(sorted, 99)).isEqualTo(40);
        assertThat(DrainReport.percentile(sorted, 0)).isEqualTo(10);
        assertThat(DrainReport.percentile(new long[0], 50)).isZero();
    }

    @Test
    void theTableHasARowPerSecond() {
        FailoverStreams.Tally tally = new FailoverStreams.Tally(2, 0, 2, 2, 0, 0, 0,
                new long[] {100, SECOND + 100}, new long[] {3 * SECOND, 3 * SECOND + 5},
                new long[] {3 * SECOND, 2 * SECOND}, new long[] {3000, 6000}, 0, 0, null);

        DrainReport report = DrainReport.of("drain-time 1s", 2, 20, 40, tally, 0, 5 * SECOND);

        assertThat(report.reconnectsPerSecond()).containsExactly(0, 0, 0, 2);
        assertThat(report.peakReconnectsPerSecond()).isEqualTo(2);
        assertThat(report.aExitS()).isEqualTo(5.0);
        assertThat(report.lastRetryMinMs()).isEqualTo(3000);
        assertThat(report.table()).startsWith("| second after SIGTERM |").contains("| 0–1 | 1 | 0 |", "| 3–4 | 0 | 2 |");
    }
}
