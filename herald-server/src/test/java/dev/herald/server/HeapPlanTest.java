package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/herald's heap plan reads the flags, the environment and the configuration file as the node does, and refuses
 * what the node would refuse, in the node's words.
 */
class HeapPlanTest {

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();
    private String connections;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int plan(String... args) {
        return HeapPlan.run(new DeclaredOptions(DeclaredOptions.CATALOGUE, environment::get), connections, args,
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** The plan's line for {@code args}, which must be accepted. */
    private String planOf(String... args) {
        out.getBuffer().setLength(0);
        assertThat(plan(args)).as(err.toString()).isZero();
        return out.toString().trim();
    }

    /** What the plan printed when it refused {@code args}, having checked that it exited with 2. */
    private String refusalOf(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(plan(args)).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        return err.toString();
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theDefaultsAreTenThousandStreamsAndSixtyFourMebibytesOfHistory() {
        // 64 MiB + 10,000 × 12 KiB (118 MiB, rounded up) + twice 64 MiB
        assertThat(planOf()).isEqualTo("310 10000 10000 64MiB");
    }

    @Test
    void theFileSizesTheHeapAndCapsTheStreams() throws IOException {
        Path yaml = file("herald.yaml", "max-streams: 2000\nhistory-memory: 8MiB\n");
        // 64 MiB + 2,000 × 12 KiB + twice 8 MiB
        assertThat(planOf("--config", yaml.toString())).isEqualTo("104 2000 2000 8MiB");
        environment.put("HERALD_CONFIG", yaml.toString());
        assertThat(planOf()).as("named by HERALD_CONFIG").isEqualTo("104 2000 2000 8MiB");
    }

    @Test
    void flagsWinOverVariablesAndVariablesOverTheFile() throws IOException {
        Path yaml = file("herald.yaml", "max-streams: 2000\nhistory-memory: 8MiB\n");
        environment.put("HERALD_HISTORY_MEMORY", "16MiB");
        assertThat(planOf("--config", yaml.toString())).isEqualTo("120 2000 2000 16MiB");
        assertThat(planOf("--config", yaml.toString(), "--history-memory", "1MiB", "--max-streams", "1000"))
                .isEqualTo("78 1000 1000 1MiB");
    }

    @Test
    void theLaunchersConnectionsSizeTheHeapAndAreTheCapUnlessTheCapIsSet() throws IOException {
        connections = "2000";
        assertThat(planOf()).isEqualTo("216 2000 2000 64MiB");
        Path yaml = file("herald.yaml", "max-streams: 500\n");
        assertThat(planOf("--config", yaml.toString())).as("the heap for 2,000, the cap at 500")
                .isEqualTo("216 500 2000 64MiB");
        connections = "lots";
        assertThat(refusalOf()).isEqualTo("herald: HERALD_MAX_CONNECTIONS must be a whole number from 1 to 9999999, "
                + "got 'lots'\n");
    }

    @Test
    void redisStreamsModeKeepsNoHistoryOnTheNode() throws IOException {
        Path properties = file("herald.properties", "redis=redis://127.0.0.1:6379/0\nredis-mode=streams\n");
        assertThat(planOf("--config", properties.toString())).isEqualTo("182 10000 10000 0");
    }

    @Test
    void aValueTheNodeWouldRefuseIsExplainedNamingTheFileAndTheKey() throws IOException {
        Path yaml = file("herald.yaml", "max-streams: 0\nheartbeat: 15\n");
        assertThat(refusalOf("--config", yaml.toString(), "--heartbeat", "15s")).isEqualTo(
                "herald: " + yaml + ": max-streams: must be at least 1 stream, got 0\n"
                        + "Try 'herald --help' for the options.\n");
        assertThat(refusalOf("--config", yaml.toString(), "--max-streams", "10")).isEqualTo(
                "herald: " + yaml + ": heartbeat: '15' is not a duration; write it like 15s, 250ms, 2m or 1h\n"
                        + "Try 'herald --help' for the options.\n");
        environment.put("HERALD_MAX_STREAMS", "-1");
        assertThat(refusalOf("--config", yaml.toString(), "--heartbeat", "15s"))
                .as("the variable's value is the one read, and blamed")
                .startsWith("herald: HERALD_MAX_STREAMS (the environment's value for --max-streams): must be at least 1");
    }

    @Test
    void aFileRefusedAsAWholeIsOneLine() throws IOException {
        assertThat(refusalOf("--config", file("herald.yaml", "max-stream: 20000\n").toString())).isEqualTo(
                "herald: " + dir.resolve("herald.yaml") + ": 'max-stream' is not an option; did you mean 'max-streams'?\n");
        assertThat(refusalOf("--config", dir.resolve("missing.yaml").toString()))
                .isEqualTo("herald: " + dir.resolve("missing.yaml") + ": no such file\n");
        assertThat(refusalOf("--config", file("bad.yaml", "port: 8080\n  host: x\n").toString()))
                .startsWith("herald: " + dir.resolve("bad.yaml") + ": is not valid YAML: line 2, column 7: ")
                .hasLineCount(1);
        assertThat(refusalOf("--config", file("nested.yaml", "log-level:\n  dev.herald: debug\n").toString()))
                .isEqualTo("herald: " + dir.resolve("nested.yaml") + ": log-level: must be one value (text, a number, "
                        + "true or false), not a map; the file is a flat map of option names\n");
    }

    @Test
    void aSecretInTheFileIsNeverEchoed() throws IOException {
        Path yaml = file("herald.yaml", "jwt-secret: hunter2-too-short\n");
        assertThat(refusalOf("--config", yaml.toString())).isEqualTo("herald: " + yaml
                + ": jwt-secret: must be at least 32 bytes for HS256, got 17; make one with: openssl rand -base64 32\n"
                + "Try 'herald --help' for the options.\n");
        Path misspelt = file("misspelt.yaml", "jwt-secrte: hunter2-of-at-least-thirty-two-bytes!!\n");
        assertThat(refusalOf("--config", misspelt.toString())).doesNotContain("hunter2")
                .contains("did you mean 'jwt-secret'?");
    }
}
