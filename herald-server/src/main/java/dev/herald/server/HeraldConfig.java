package dev.herald.server;

import dev.herald.publish.Idempotency;
import java.time.Duration;

import dev.herald.auth.AccessOptions;
import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.presence.PresenceOptions;
import dev.herald.options.Check;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Loopback;
import dev.herald.options.Option;
import dev.herald.options.OptionChecks;
import dev.herald.redis.BrokerOptions;
import dev.herald.request.SseRoutesOptions;
import dev.herald.server.webhook.GitHubWebhookOptions;
import dev.herald.server.webhook.StandardWebhooks;
import dev.herald.vertx.CorsOptions;
import dev.herald.web.console.ConsoleMode;
import dev.herald.web.console.ConsoleOptions;

/**
 * Everything the server is told at start: where it listens, the embedding options of {@link dev.herald.vertx.Herald},
 * its connections' deadlines and the webhooks'. Each component is a record that checked its own values.
 *
 * @param host          {@link #HOST}
 * @param port          {@link #PORT}
 * @param broker        the broker and its history
 * @param hub           heartbeats and the announced retry
 * @param routes        buffer, body and channel limits
 * @param limits        streams per node and per client address, publish rate per client address
 * @param cors          the other origins whose pages may call Herald
 * @param timeouts      how long a request may take to arrive, and a connection may stay idle
 * @param access        who may publish and read private channels (tokens); open by default
 * @param gitHubWebhook the secret and channel of {@code POST /webhook/github}
 * @param webhooks      the Standard Webhooks taken at {@code POST /webhook/<name>}; none by default
 * @param management    where health, readiness and metrics are served
 * @param protocols     TLS (and with it HTTP/2), or h2c, on the application's port; HTTP/1.1 without TLS by default
 * @param loops         how many event loops serve HTTP, and over which transport
 * @param console       who may open the console ({@link ConsoleOptions#CONSOLE})
 * @param nodeId        this node's name in the console ({@link ConsoleOptions#NODE_ID}), or null to derive it
 * @param idempotencyWindow how long a publish's Idempotency-Key is remembered ({@link Idempotency#WINDOW})
 * @param presence      which channels announce join and leave, and how long a silent node's counts last
 * @throws InvalidOptionException when a value is out of range
 */
public record HeraldConfig(String host, int port, BrokerOptions broker, HubOptions hub, SseRoutesOptions routes,
                           LimitsOptions limits, CorsOptions cors, TimeoutOptions timeouts, AccessOptions access,
                           GitHubWebhookOptions gitHubWebhook, StandardWebhooks webhooks,
                           ManagementOptions management, ProtocolOptions protocols, EventLoopOptions loops,
                           ConsoleMode console, String nodeId, Duration idempotencyWindow,
                           PresenceOptions presence) {

    public static final Option<String> HOST = Option.of("host", String.class).defaultsTo("127.0.0.1")
            .check(Check.present()).description("Address to listen on; 0.0.0.0 for every interface");

    public static final Option<Integer> PORT = Option.of("port", Integer.class).defaultsTo(8080)
            .check(Check.between(0, 65535)).description("Port to listen on; 0 picks a free one");

    /** Checked by {@link CorsOptions}, which the Vert.x adapter shares with embedding applications. */
    public static final Option<String> CORS_ORIGINS = Option.of("cors-origins", String.class).defaultsTo("")
            .description("Origins whose pages may call Herald from a browser, comma-separated "
                    + "(https://app.example.com,http://localhost:3000), or *; none by default");

    /** Read and checked by {@link dev.herald.server.webhook.WebhooksFile}, once at start. */
    public static final Option<String> WEBHOOKS_FILE = Option.of("webhooks-file", String.class)
            .description("JSON file describing the Standard Webhooks taken at /webhook/<name>: each one's secret "
                    + "(or the environment variable holding it), channel, type and message");

    /** Not a field: {@link PublishAccess} decides with it at start whether Herald may serve without a token key. */
    public static final Option<Boolean> ALLOW_ANONYMOUS_PUBLISH = Option.of("allow-anonymous-publish", Boolean.class)
            .defaultsTo(false)
            .description("Without jwt-secret or jwt-key, let anyone publish though Herald listens on a non-loopback "
                    + "address");

    /** A configuration with the default {@link Idempotency#WINDOW} and no presence ({@link PresenceOptions#defaults}). */
    public HeraldConfig(String host, int port, BrokerOptions broker, HubOptions hub, SseRoutesOptions routes,
                        LimitsOptions limits, CorsOptions cors, TimeoutOptions timeouts, AccessOptions access,
                        GitHubWebhookOptions gitHubWebhook, StandardWebhooks webhooks,
                        ManagementOptions management, ProtocolOptions protocols, EventLoopOptions loops,
                        ConsoleMode console, String nodeId) {
        this(host, port, broker, hub, routes, limits, cors, timeouts, access, gitHubWebhook, webhooks, management,
                protocols, loops, console, nodeId, Idempotency.WINDOW.defaultValue(), PresenceOptions.defaults());
    }

    public HeraldConfig {
        Idempotency.WINDOW.check(idempotencyWindow);
        HOST.check(host);
        PORT.check(port);
        OptionChecks.present("broker", broker);
        OptionChecks.present("hub", hub);
        OptionChecks.present("routes", routes);
        OptionChecks.present("limits", limits);
        OptionChecks.present("cors", cors);
        OptionChecks.present("timeouts", timeouts);
        OptionChecks.present("access", access);
        OptionChecks.present("github-webhook", gitHubWebhook);
        OptionChecks.present("webhooks", webhooks);
        OptionChecks.present("management", management);
        OptionChecks.present("protocols", protocols);
        OptionChecks.present("loops", loops);
        OptionChecks.present(ConsoleOptions.CONSOLE.key(), console);
        OptionChecks.present("presence", presence);
        if (nodeId != null) {
            ConsoleOptions.of(console, nodeId, port, false); // refuses a node id it cannot take
        }
        if (port != 0 && management.port().orElse(-1) == port) {
            throw new InvalidOptionException("management-port", "must differ from --port, got " + port);
        }
    }

    /**
     * Loopback, port 8080, the in-memory broker, the default hub, route and limit options, no CORS, the default
     * timeouts, open publishing, a GitHub webhook without a secret, no other webhooks, and health, readiness and metrics
     * on the application's port, HTTP/1.1 without TLS, one event loop per core over the native transport, the console on
 * ({@code auto}) under a derived node id.
     */
    public static HeraldConfig defaults() {
        return new HeraldConfig(HOST.defaultValue(), PORT.defaultValue(), BrokerOptions.memory(), HubOptions.defaults(), SseRoutesOptions.defaults(),
                LimitsOptions.defaults(), CorsOptions.none(), TimeoutOptions.defaults(), AccessOptions.open(),
                GitHubWebhookOptions.defaults(), StandardWebhooks.none(), ManagementOptions.defaults(),
                ProtocolOptions.cleartext(), EventLoopOptions.defaults(),
                ConsoleOptions.mode(ConsoleOptions.CONSOLE.defaultValue()), null,
                Idempotency.WINDOW.defaultValue(), PresenceOptions.defaults());
    }

    public HeraldConfig withPort(int newPort) {
        return new HeraldConfig(host, newPort, broker, hub, routes, limits, cors, timeouts, access,
                gitHubWebhook, webhooks, management, protocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withBroker(BrokerOptions newBroker) {
        return new HeraldConfig(host, port, newBroker, hub, routes, limits, cors, timeouts, access,
                gitHubWebhook, webhooks, management, protocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withHub(HubOptions newHub) {
        return new HeraldConfig(host, port, broker, newHub, routes, limits, cors, timeouts, access,
                gitHubWebhook, webhooks, management, protocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withRoutes(SseRoutesOptions newRoutes) {
        return new HeraldConfig(host, port, broker, hub, newRoutes, limits, cors, timeouts, access,
                gitHubWebhook, webhooks, management, protocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withPresence(PresenceOptions newPresence) {
        return new HeraldConfig(host, port, broker, hub, routes, limits, cors, timeouts, access,
                gitHubWebhook, webhooks, management, protocols, loops, console, nodeId, idempotencyWindow, newPresence);
    }

    public HeraldConfig withLimits(LimitsOptions newLimits) {
        return new HeraldConfig(host, port, broker, hub, routes, newLimits, cors, timeouts, access,
                gitHubWebhook, webhooks, management, protocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withCors(CorsOptions newCors) {
        return new HeraldConfig(host, port, broker, hub, routes, limits, newCors, timeouts, access,
                gitHubWebhook, webhooks, management, protocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withTimeouts(TimeoutOptions newTimeouts) {
        return new HeraldConfig(host, port, broker, hub, routes, limits, cors, newTimeouts, access,
                gitHubWebhook, webhooks, management, protocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withAccess(AccessOptions newAccess) {
        return new HeraldConfig(host, port, broker, hub, routes, limits, cors, timeouts, newAccess,
                gitHubWebhook, webhooks, management, protocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withGitHubWebhook(GitHubWebhookOptions newGitHubWebhook) {
        return new HeraldConfig(host, port, broker, hub, routes, limits, cors, timeouts, access,
                newGitHubWebhook, webhooks, management, protocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withWebhooks(StandardWebhooks newWebhooks) {
        return new HeraldConfig(host, port, broker, hub, routes, limits, cors, timeouts, access,
                gitHubWebhook, newWebhooks, management, protocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withManagement(ManagementOptions newManagement) {
        return new HeraldConfig(host, port, broker, hub, routes, limits, cors, timeouts, access,
                gitHubWebhook, webhooks, newManagement, protocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withProtocols(ProtocolOptions newProtocols) {
        return new HeraldConfig(host, port, broker, hub, routes, limits, cors, timeouts, access,
                gitHubWebhook, webhooks, management, newProtocols, loops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withLoops(EventLoopOptions newLoops) {
        return new HeraldConfig(host, port, broker, hub, routes, limits, cors, timeouts, access,
                gitHubWebhook, webhooks, management, protocols, newLoops, console, nodeId, idempotencyWindow, presence);
    }

    public HeraldConfig withIdempotencyWindow(Duration newIdempotencyWindow) {
        return new HeraldConfig(host, port, broker, hub, routes, limits, cors, timeouts, access,
                gitHubWebhook, webhooks, management, protocols, loops, console, nodeId, newIdempotencyWindow, presence);
    }

    public HeraldConfig withConsole(ConsoleMode newConsole, String newNodeId) {
        return new HeraldConfig(host, port, broker, hub, routes, limits, cors, timeouts, access,
                gitHubWebhook, webhooks, management, protocols, loops, newConsole, newNodeId, idempotencyWindow, presence);
    }

    /**
     * The console's options as this server serves it: its mode, its node id (derived from the host name and
     * {@code port} when none was given), and whether {@link #host} is loopback, where {@code auto} opens it without a
     * token.
     */
    public ConsoleOptions consoleOptions(int listeningPort) {
        return ConsoleOptions.of(console, nodeId, listeningPort, Loopback.isLoopback(host));
    }
}
