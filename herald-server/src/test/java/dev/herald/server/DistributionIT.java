package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive {@code mvn package} makes, unpacked into an empty folder as an operator would, and started through its
 * {@code bin/herald} from another working directory: it finds its own jar, serves the page and the health check, and
 * stops cleanly on SIGTERM.
 */
class DistributionIT {

    private static final String VERSION = System.getProperty("herald.version");
    private static final Path ARCHIVE = Path.of("target", "herald-" + VERSION + ".tar.gz");

    @Test
    void theUnpackedArchiveStartsFromAnyFolderServesAndStopsOnSigterm(@TempDir Path unpacked, @TempDir Path elsewhere)
            throws Exception {
        assertThat(ARCHIVE).as("the distribution (mvn package makes it)").exists();
        Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toAbsolutePath().toString(), "-C", unpacked.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
        Path home = unpacked.resolve("herald-" + VERSION);
        assertThat(home.resolve("bin/herald")).isExecutable();
        assertThat(home.resolve("conf/herald.yaml")).isRegularFile();
        assertThat(home.resolve("systemd/herald.service")).isRegularFile();
        assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        assertThat(Files.readString(home.resolve("README"))).contains("Herald " + VERSION);

        // From another folder, with the archive's own configuration file (every line a comment: the defaults).
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/herald").toString(),
                "--config", home.resolve("conf/herald.yaml").toString(), "--port", "0")
                .directory(elsewhere.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("HERALD_JAR");
        // A small heap: the test's machine is shared. bin/herald runs the java on the PATH: the one running the tests.
        builder.environment().put("HERALD_MAX_CONNECTIONS", "100");
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process herald = builder.start();
        try {
            URI base = ListeningLine.awaitListening(herald);
            assertThat(herald.info().arguments()).hasValueSatisfying(arguments -> assertThat(List.of(arguments))
                    .as("the archive's own jar").contains(home.resolve("lib/herald.jar").toString()));

            HttpResponse<String> page = TestHttp.request("GET", base);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Real-Time Notification");
            assertThat(TestHttp.request("GET", base.resolve("health")).statusCode()).isEqualTo(200);
        } finally {
            herald.destroy(); // SIGTERM
            assertThat(herald.waitFor(30, TimeUnit.SECONDS)).as("Herald stopped on SIGTERM").isTrue();
        }
        assertThat(herald.exitValue()).as("the exit status after SIGTERM").isZero();
    }
}
