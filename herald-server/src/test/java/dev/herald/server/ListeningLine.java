package dev.herald.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a Herald process started by a test listens, read from the line it prints once it does. */
final class ListeningLine {

    private static final Pattern LISTENING = Pattern.compile("Herald listening on (https?://\\S+/)");

    private ListeningLine() {
    }

    /** Reads standard output until the server says where it listens (at most 30 s). */
    static URI awaitListening(Process process) throws Exception {
        CompletableFuture<URI> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(URI.create(m.group(1)));
                    }
                }
                address.completeExceptionally(new AssertionError("the server ended without listening"));
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
        }, "herald-stdout");
        reader.setDaemon(true);
        reader.start();
        return address.get(30, TimeUnit.SECONDS);
    }
}
