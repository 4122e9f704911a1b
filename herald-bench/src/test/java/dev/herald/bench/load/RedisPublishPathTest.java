package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** What the publish-path bench refuses before it connects anywhere: a Redis off loopback, a bound out of range. */
class RedisPublishPathTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "--redis=redis://10.0.0.1:6379 --mode=pubsub",
            "--redis=redis://example.com:6379 --mode=streams",
            "--redis=http://127.0.0.1:6379 --mode=pubsub",
            "--redis=redis://127.0.0.1:6379 --mode=cluster",
            "--redis=redis://127.0.0.1:6379 --mode=pubsub --in-flight=0",
            "--redis=redis://127.0.0.1:6379 --mode=pubsub --duration=61"})
    void isRefusedWithAUsageErrorBeforeConnecting(String arguments) {
        StringWriter err = new StringWriter();
        int status = new CommandLine(new RedisPublishPath()).setErr(new PrintWriter(err)).execute(arguments.split(" "));

        assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).containsAnyOf("--redis", "--mode", "--in-flight");
    }
}
