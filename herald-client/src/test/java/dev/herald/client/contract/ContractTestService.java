package dev.herald.client.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.client.EventSource;
import dev.herald.client.EventSourceException;
import dev.herald.client.EventSourceListener;
import dev.herald.client.RetryPolicy;
import dev.herald.sse.ParsedEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test service of LaunchDarkly's SSE contract tests (github.com/launchdarkly/sse-contract-tests,
 * {@code docs/service_spec.md}) over herald-client's {@link EventSource}: the harness asks it on loopback to start
 * sources and hears what they receive through its callbacks. Not a test itself: run by
 * {@code herald-client/contract-tests.sh}, which also runs the harness, where a Go toolchain can build it.
 *
 * <p>The capabilities declared are the optional features the client has: a leading BOM skipped, comments reported,
 * headers and a first last event id set by the caller, a read timeout, and a 204 that stops for good. Not declared:
 * type-specific listeners (every event reaches one listener), POST and REPORT (a stream is a GET), a restart command.
 */
public final class ContractTestService {

    static final List<String> CAPABILITIES = List.of("bom", "comments", "headers", "last-event-id", "read-timeout",
            "server-directed-shutdown-request");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CALLBACKS = HttpClient.newHttpClient();

    private final Map<String, EventSource> sources = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        ContractTestService service = new ContractTestService();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", service::handle);
        server.start();
        service.stopped.await();
        server.stop(0);
        service.sources.values().forEach(EventSource::close);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/")) {
                switch (method) {
                    case "GET" -> answer(exchange, 200, JSON.writeValueAsBytes(Map.of("capabilities", CAPABILITIES)));
                    case "POST" -> create(exchange);
                    case "DELETE" -> {
                        answer(exchange, 204, null);
                        stopped.countDown();
                    }
                    default -> answer(exchange, 405, null);
                }
            } else if (path.startsWith("/streams/")) {
                EventSource source = sources.get(path);
                if (source == null) {
                    answer(exchange, 404, null);
                } else if (method.equals("DELETE")) {
                    sources.remove(path).close();
                    answer(exchange, 204, null);
                } else {
                    answer(exchange, 400, null); // no command is declared
                }
            } else {
                answer(exchange, 404, null);
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode options = JSON.readTree(exchange.getRequestBody());
        URI callback = URI.create(options.path("callbackUrl").asText());
        RetryPolicy retry = RetryPolicy.exponential();
        if (options.hasNonNull("initialDelayMs")) {
            retry = retry.withInitialDelay(Duration.ofMillis(options.get("initialDelayMs").asLong()));
        }
        EventSource.Builder builder = EventSource.builder(URI.create(options.path("streamUrl").asText()))
                .retryPolicy(retry)
                .listener(new Callbacks(callback));
        if (options.hasNonNull("readTimeoutMs")) {
            builder.readTimeout(Duration.ofMillis(options.get("readTimeoutMs").asLong()));
        }
        if (options.hasNonNull("lastEventId")) {
            builder.lastEventId(options.get("lastEventId").asText());
        }
        options.path("headers").properties().forEach(header ->
                builder.header(header.getKey(), header.getValue().asText()));
        String location = "/streams/" + created.incrementAndGet();
        sources.put(location, builder.build().start());
        exchange.getResponseHeaders().add("Location", location);
        answer(exchange, 201, null);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Tells the harness what one source heard, each message numbered in order, as the spec asks. */
    private static final class Callbacks implements EventSourceListener {
        private final URI base;
        private int sent;

        Callbacks(URI base) {
            this.base = base;
        }

        @Override
        public void onEvent(ParsedEvent event) {
            ObjectNode message = JSON.createObjectNode().put("kind", "event");
            message.putObject("event").put("type", event.type()).put("data", event.data()).put("id", event.lastEventId());
            post(message);
        }

        @Override
        public void onComment(String comment) {
            post(JSON.createObjectNode().put("kind", "comment").put("comment", comment));
        }

        @Override
        public void onError(EventSourceException error) {
            post(JSON.createObjectNode().put("kind", "error").put("comment", error.getMessage()));
        }

        /** On the source's callback thread, one at a time: the numbers go up in the order things happened. */
        private void post(ObjectNode message) {
            sent++;
            try {
                CALLBACKS.send(HttpRequest.newBuilder(URI.create(base + "/" + sent))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(message.toString(), StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // the harness ended this test: nobody listens any more
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
