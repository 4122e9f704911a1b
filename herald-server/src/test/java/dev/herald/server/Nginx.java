package dev.herald.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real nginx (Debian's {@code /usr/sbin/nginx}) in front of a Herald, run with the repository's documented
 * configuration, {@code deploy/nginx/herald.conf}: the file is read as it is and only its two addresses are replaced
 * (the port nginx listens on, Herald's port), so the docs and the tests cannot drift. nginx runs in the foreground in
 * a folder of its own (pid, error log, temporary files), on a free loopback port, sized for a few thousand
 * connections (two open files each: the client's and Herald's), within the tests' 20,000 open files.
 *
 * <p>Tests skip where nginx is missing, unless {@code CI=true} or {@code HERALD_REQUIRE_NGINX=true}, which turn the
 * skip into a failure.
 */
final class Nginx implements AutoCloseable {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    /** The documented configuration, from herald-server's folder (where Maven runs the tests). */
    static final Path DOCUMENTED = Path.of("..", "deploy", "nginx", "herald.conf");
    /** The lines of the documented file a test replaces: what it listens on and where Herald is. */
    private static final String LISTEN = "listen 80;";
    private static final String UPSTREAM = "server 127.0.0.1:8080;";
    private static final int WORKER_CONNECTIONS = 4096;

    private final Process process;
    private final Path folder;
    private final int port;

    private Nginx(Process process, Path folder, int port) {
        this.process = process;
        this.folder = folder;
        this.port = port;
    }

    /** Skips the calling test where nginx is missing, or fails it on CI or with {@code HERALD_REQUIRE_NGINX=true}. */
    static void assumePresent() {
        boolean present = Files.isExecutable(NGINX);
        if (!present && ("true".equals(System.getenv("CI")) || "true".equals(System.getenv("HERALD_REQUIRE_NGINX")))) {
            throw new AssertionError(NGINX + " is missing, and CI or HERALD_REQUIRE_NGINX requires it: "
                    + "apt-get install nginx");
        }
        Assumptions.assumeTrue(present, NGINX + " is not installed; the tests behind nginx are skipped");
    }

    /** Starts nginx with the documented configuration in front of the Herald on {@code heraldPort}. */
    static Nginx inFrontOf(int heraldPort) {
        try {
            Path folder = Files.createTempDirectory("herald-nginx");
            Files.createDirectory(folder.resolve("temp"));
            int port = freePort();
            Files.writeString(folder.resolve("herald.conf"), documented()
                    .replace(LISTEN, "listen 127.0.0.1:" + port + ";")
                    .replace(UPSTREAM, "server 127.0.0.1:" + heraldPort + ";"));
            Files.writeString(folder.resolve("nginx.conf"), mainConfiguration(folder));
            Process process = new ProcessBuilder(NGINX.toString(), "-e", folder.resolve("error.log").toString(),
                    "-p", folder.toString(), "-c", folder.resolve("nginx.conf").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("console.log").toFile())
                    .start();
            Nginx nginx = new Nginx(process, folder, port);
            await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive() || nginx.accepts());
            if (!process.isAlive()) {
                throw new AssertionError("nginx did not start: " + Files.readString(folder.resolve("console.log"))
                        + Files.readString(folder.resolve("error.log")));
            }
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented file, checked to hold each line a test replaces exactly once. */
    static String documented() throws IOException {
        String text = Files.readString(DOCUMENTED, StandardCharsets.UTF_8);
        for (String line : List.of(LISTEN, UPSTREAM)) {
            if (text.indexOf(line) < 0 || text.indexOf(line) != text.lastIndexOf(line)) {
                throw new AssertionError(DOCUMENTED + " must hold \"" + line + "\" once: the tests replace it");
            }
        }
        return text;
    }

    /** nginx's own settings around the documented file, which an operator's nginx.conf has in its place. */
    private static String mainConfiguration(Path folder) {
        Path temp = folder.resolve("temp");
        return String.join("\n",
                "worker_processes 1;",
                "worker_rlimit_nofile " + (2 * WORKER_CONNECTIONS + 64) + ";",
                "pid " + folder.resolve("nginx.pid") + ";",
                "error_log " + folder.resolve("error.log") + " warn;",
                "events { worker_connections " + WORKER_CONNECTIONS + "; }",
                "http {",
                "    access_log off;",
                "    client_body_temp_path " + temp.resolve("body") + ";",
                "    proxy_temp_path " + temp.resolve("proxy") + ";",
                "    fastcgi_temp_path " + temp.resolve("fastcgi") + ";",
                "    uwsgi_temp_path " + temp.resolve("uwsgi") + ";",
                "    scgi_temp_path " + temp.resolve("scgi") + ";",
                "    include " + folder.resolve("herald.conf") + ";",
                "}",
                "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    int port() {
        return port;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** What nginx logged, for a failure's message. */
    String errorLog() {
        try {
            return Files.readString(folder.resolve("error.log"));
        } catch (IOException e) {
            return "(no error log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteFolder();
    }

    private void deleteFolder() {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete nginx's folder " + folder, e);
        }
    }
}
