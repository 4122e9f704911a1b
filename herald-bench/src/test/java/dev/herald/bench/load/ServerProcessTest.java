package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerProcessTest {

    @Test
    void residentMemoryIsReadFromVmRss() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t  100000 kB\n";

        assertThat(ServerProcess.parseRssKiB(status)).isEqualTo(123_456);
    }

    @Test
    void cpuTicksAreUserPlusSystemEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (my (odd) java) S 1 4242 4242 0 -1 4194560 5000 0 0 0 150 25 0 0 20 0 30 0 100 "
                + "4000000000 30000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

        assertThat(ServerProcess.parseCpuTicks(stat)).isEqualTo(175);
    }

    @Test
    void thisProcessCanBeRead() {
        ServerProcess self = ServerProcess.of(ProcessHandle.current().pid());

        assertThat(self.rssKiB()).isPositive();
        assertThat(self.cpuSeconds()).isPositive();
    }

    @Test
    void aProcessThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> ServerProcess.of(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such process");
    }
}
