package dev.herald.redis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} for one test: on a free loopback port (never 6379), no persistence. It is the
 * {@code redis-server} on the PATH when there is one, else the Linux binary inside the embedded-redis jar.
 * It can be stopped and started again on the same port, to test outages.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final String EMBEDDED_BINARY = "/redis-server-6.2.6-v5-linux-amd64";

    private final Path binary;
    private final int port;
    private Process process;

    private RedisServerProcess(Path binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    /** Starts a server on a free port. */
    public static RedisServerProcess start() {
        RedisServerProcess redis = new RedisServerProcess(binary(), freePort());
        redis.startAgain();
        return redis;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the server (SIGTERM) and waits until it is gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the server again on the same port and waits until it accepts connections. */
    public void startAgain() {
        if (process != null) {
            throw new IllegalStateException("redis-server is already running on port " + port);
        }
        try {
            process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary, e);
        }
        awaitReady(process.getInputStream());
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady(InputStream output) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!ready.isDone()) {
                        seen.append(line).append('\n');
                    }
                    if (line.contains("Ready to accept connections")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the process ended; handled below
            }
            ready.completeExceptionally(new IllegalStateException("redis-server exited before it was ready:\n" + seen));
        }, "redis-server-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("redis-server on port " + port + " did not become ready", e);
        }
    }

    /** The {@code redis-server} on the PATH, if there is one. */
    static Optional<Path> binaryOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path binary() {
        Optional<Path> onPath = binaryOnPath();
        if (onPath.isPresent()) {
            return onPath.get();
        }
        try (InputStream embedded = RedisServerProcess.class.getResourceAsStream(EMBEDDED_BINARY)) {
            if (embedded == null) {
                throw new IllegalStateException("no redis-server on the PATH and none in the embedded-redis jar");
            }
            Path copy = Files.createTempFile("herald-redis-server", "");
            Files.copy(embedded, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract redis-server from the embedded-redis jar", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
