package dev.herald.web.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.access.AccessRefusedException;
import dev.herald.broker.ChannelNames;
import dev.herald.hub.SseSink;
import dev.herald.node.Node;
import dev.herald.node.NodeStatus;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.JsonBody;
import dev.herald.serve.Refused;
import dev.herald.serve.ServerRequest;
import dev.herald.serve.StreamOutcome;
import dev.herald.web.WebFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The console's server side over a {@link Node}, for every HTTP adapter: each method takes a request's parts and
 * returns what to answer, so Vert.x and Spring render the same answers. Under the console's path
 * ({@code {prefix}/console}):
 * <ul>
 *   <li>{@code GET  session}: {@code {"open","admin"}} when the console may be used by the request, else 401;</li>
 *   <li>{@code POST session} {@code {"token":"..."}} (JSON only): 204 and the cookie {@value ConsoleAccess#COOKIE}
 *       holding an admin token; 401 for a bad token, 403 for one that is not an admin's;</li>
 *   <li>{@code DELETE session}: 204, the cookie cleared;</li>
 *   <li>{@code GET status}: an event stream of {@code event: node}, every node's status once a second
 *       ({@link #status});</li>
 *   <li>{@code GET channels?match=&limit=}: this node's channels ({@link ChannelList});</li>
 *   <li>{@code GET /} and {@code GET <file>}: the console's files, to anyone (they hold no data).</li>
 * </ul>
 * Access is {@link ConsoleAccess}'s one rule. Starting a console starts its {@link StatusBroadcast}; closing the node
 * stops it.
 */
public final class Console implements AutoCloseable {

    /** The console's folder of web files, and its path below the routes' prefix. */
    public static final String FOLDER = "console";

    private final Node node;
    private final ConsoleOptions options;
    private final ConsoleAccess access;
    private final WebFiles files;
    private final StatusBroadcast broadcast;

    private Console(Node node, ConsoleOptions options) {
        this.node = node;
        this.options = options;
        this.access = new ConsoleAccess(options, node.access(), node.limits().options().trustedProxies());
        this.files = WebFiles.listed(FOLDER);
        this.broadcast = new StatusBroadcast(node, options.nodeId());
    }

    /**
     * The console of {@code node}, its status announced from now on.
     *
     * @throws IllegalStateException when {@code options} turn it off: then mount nothing, so its paths are not found
     */
    public static Console start(Node node, ConsoleOptions options) {
        if (options.mode() == ConsoleMode.OFF) {
            throw new IllegalStateException("the console is off (console=off): mount no console route");
        }
        return new Console(node, options);
    }

    public ConsoleOptions options() {
        return options;
    }

    /** {@code GET session}: whether and why the request may use the console, or 401/403 when it may not. */
    public ConsoleReply session(ServerRequest request) {
        try {
            ConsoleGrant grant = access.admit(request);
            Map<String, Object> body = ConsoleReply.object();
            body.put("open", grant.open());
            body.put("admin", grant.admin());
            return ConsoleReply.ok(body);
        } catch (AccessRefusedException refused) {
            return ConsoleReply.of(refused);
        } catch (InvalidRequestException invalid) {
            return ConsoleReply.error(400, invalid.getMessage());
        }
    }

    /**
     * {@code POST session} with {@code body} (read by the adapter within the routes' body limit): a JSON object
     * {@code {"token":"..."}}, of a JSON content type (a form from another site cannot send one without the browser's
     * preflight, which nothing here answers). 204 with the cookie for the console's path {@code consolePath}.
     */
    public ConsoleReply signIn(ServerRequest request, byte[] body, String consolePath) {
        String contentType = request.header("Content-Type");
        if (!JsonBody.isJson(contentType)) {
            return ConsoleReply.error(415, JsonBody.notJsonMessage(contentType));
        }
        try {
            ObjectNode object = JsonBody.readObject(body);
            JsonNode token = object.get("token");
            if (token == null || !token.isTextual() || token.asText().isBlank()) {
                return ConsoleReply.error(400, "send {\"token\": \"<an admin token>\"} (herald token --admin prints one)");
            }
            Instant expires = access.admitToken(token.asText().strip(), request);
            return ConsoleReply.noContent(Map.of("Set-Cookie", SessionCookie.holding(token.asText().strip(),
                    Duration.between(Instant.now(), expires), consolePath, access.secure(request))));
        } catch (InvalidRequestException invalid) {
            return ConsoleReply.error(400, invalid.getMessage());
        } catch (AccessRefusedException refused) {
            return ConsoleReply.of(refused);
        }
    }

    /** {@code DELETE session}: 204, the cookie of the console's path {@code consolePath} cleared. */
    public ConsoleReply signOut(ServerRequest request, String consolePath) {
        return ConsoleReply.noContent(Map.of("Set-Cookie", SessionCookie.cleared(consolePath, access.secure(request))));
    }

    /** {@code GET channels}: this node's channels, or the refusal. */
    public ConsoleReply channels(ServerRequest request) {
        try {
            access.admit(request);
            return ConsoleReply.ok(ChannelList.of(options.nodeId(), NodeStatus.channelsOf(node.hub()), request.rawQuery()));
        } catch (AccessRefusedException refused) {
            return ConsoleReply.of(refused);
        } catch (InvalidRequestException invalid) {
            return ConsoleReply.error(400, invalid.getMessage());
        }
    }

    /**
     * {@code GET status}: once the console's rule admits the request, an event stream on {@value ChannelNames#STATUS}
     * through the node's own streaming path (its caps, heartbeats, drain and slow-client rules): an {@code event: node}
     * a second from each node this node hears (every node in the Redis modes). It starts now, whatever
     * {@code Last-Event-ID} says; {@code ?rewind=N} sends the newest {@code N} statuses first. {@code openResponse}
     * is the adapter's, as for {@code StreamService#open}.
     */
    public StreamOutcome status(ServerRequest request, Supplier<SseSink> openResponse) {
        try {
            access.admit(request);
        } catch (AccessRefusedException refused) {
            return Refused.of(refused);
        } catch (InvalidRequestException invalid) {
            return Refused.of(400, invalid.getMessage());
        }
        return node.streams().openReserved(request, ChannelNames.STATUS, openResponse);
    }

    /**
     * {@code GET <path>} below the console's path ({@code ""} or {@code /} for its index): one of its files, to anyone.
     *
     * @param ifNoneMatch the request's {@code If-None-Match}, or null
     */
    public FileReply file(String path, String ifNoneMatch) {
        return files.find(path).map(file -> FileReply.of(file, ifNoneMatch)).orElseGet(() -> FileReply.notFound(path));
    }

    /** Stops announcing this node's status (the node's close stops it too). */
    @Override
    public void close() {
        broadcast.close();
    }
}
