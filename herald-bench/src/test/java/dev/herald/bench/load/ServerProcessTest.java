package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerProcessTest {

    @Test
    void memoryIsReadFromPss() {
        String rollup = "55860c54e000-7ffd719b5000 ---p 00000000 00:00 0  [rollup]\nRss:    12020 kB\n"
                + "Pss:     7322 kB\nPss_Dirty:    2889 kB\n";

        assertThat(ServerProcess.parsePssKiB(rollup)).isEqualTo(7_322);
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

        assertThat(self.memoryKiB()).isPositive();
        assertThat(self.cpuSeconds()).isPositive();
    }

    @Test
    void childProcessesCountAsPartOfTheServer() throws Exception {
        ServerProcess self = ServerProcess.of(ProcessHandle.current().pid());
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(self.tree()).extracting(ProcessHandle::pid).contains(ProcessHandle.current().pid(), child.pid());
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> ServerProcess.of(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such process");
    }
}
