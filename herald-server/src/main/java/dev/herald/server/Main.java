package dev.herald.server;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.options.InvalidOptionException;
import dev.herald.redis.BrokerOptions;
import dev.herald.request.SseRoutesOptions;
import dev.herald.server.webhook.GitHubWebhookOptions;
import dev.herald.server.webhook.StandardWebhooks;
import dev.herald.server.webhook.WebhookAccess;
import dev.herald.server.webhook.WebhooksFile;
import dev.herald.vertx.CorsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The command line: {@code java -jar herald.jar [options]}; every option also reads an environment variable. It only
 * reads values: each is checked once, where its options record is built, and a refusal is reported here in one line
 * that names the flag, or the environment variable when the value came from one.
 */
@Command(name = "herald", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, subcommands = TokenCommand.class,
        description = "Real-time notifications over Server-Sent Events. Serves the page at /, the stream at "
                + "/stream, publishing at /publish and /send_notification, GitHub's webhook at /webhook/github and "
                + "Standard Webhooks at /webhook/<name>, and /health, /ready and /metrics. "
                + "Every option can also be set by the environment variable shown in brackets.")
public final class Main implements Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "${env:HERALD_HOST:-127.0.0.1}",
            description = "Address to listen on; 0.0.0.0 for every interface [HERALD_HOST]. Default: ${DEFAULT-VALUE}")
    private String host;

    @Option(names = "--port", defaultValue = "${env:HERALD_PORT:-8080}",
            description = "Port to listen on; 0 picks a free one [HERALD_PORT]. Default: ${DEFAULT-VALUE}")
    private int port;

    @Option(names = "--event-loops", defaultValue = "${env:HERALD_EVENT_LOOPS}", paramLabel = "N",
            description = "Event loops serving HTTP, each with its own server on the port; connections are handed to "
                    + "them in turn [HERALD_EVENT_LOOPS]. Default: the number of cores")
    private Integer eventLoops;

    @Option(names = "--native-transport", defaultValue = "${env:HERALD_NATIVE_TRANSPORT:-true}", arity = "1",
            paramLabel = "true|false",
            description = "Use Netty's epoll transport on Linux x86-64 (elsewhere the JDK's NIO, quietly); false for "
                    + "NIO everywhere [HERALD_NATIVE_TRANSPORT]. Default: ${DEFAULT-VALUE}")
    private boolean nativeTransport;

    @Option(names = "--tls-cert", defaultValue = "${env:HERALD_TLS_CERT}", paramLabel = "FILE",
            description = "PEM file with the certificate (then any intermediates) for HTTPS and HTTP/2; needs --tls-key "
                    + "[HERALD_TLS_CERT]")
    private String tlsCert;

    @Option(names = "--tls-key", defaultValue = "${env:HERALD_TLS_KEY}", paramLabel = "FILE",
            description = "PEM file with the certificate's private key (BEGIN PRIVATE KEY, or its RSA or EC form) "
                    + "[HERALD_TLS_KEY]")
    private String tlsKey;

    @Option(names = "--self-signed", defaultValue = "${env:HERALD_SELF_SIGNED:-false}",
            description = "HTTPS and HTTP/2 with a certificate for localhost made at start, for development only; not "
                    + "with --tls-cert [HERALD_SELF_SIGNED]. Default: ${DEFAULT-VALUE}")
    private boolean selfSigned;

    @Option(names = "--h2c", defaultValue = "${env:HERALD_H2C:-false}",
            description = "Also speak HTTP/2 without TLS (h2c, by prior knowledge or upgrade), for a proxy in front; "
                    + "browsers speak HTTP/2 only over TLS [HERALD_H2C]. Default: ${DEFAULT-VALUE}")
    private boolean h2c;

    @Option(names = "--heartbeat", defaultValue = "${env:HERALD_HEARTBEAT:-15s}", converter = Units.DurationConverter.class,
            description = "Time between heartbeat comments on every stream [HERALD_HEARTBEAT]. Default: ${DEFAULT-VALUE}")
    private Duration heartbeat;

    @Option(names = "--retry", defaultValue = "${env:HERALD_RETRY:-3s}", converter = Units.DurationConverter.class,
            description = "Reconnection time announced to clients [HERALD_RETRY]. Default: ${DEFAULT-VALUE}")
    private Duration retry;

    @Option(names = "--history-size", defaultValue = "${env:HERALD_HISTORY_SIZE:-1000}",
            description = "Events kept per channel for clients that resume [HERALD_HISTORY_SIZE]. Default: ${DEFAULT-VALUE}")
    private int historySize;

    @Option(names = "--history-age", defaultValue = "${env:HERALD_HISTORY_AGE:-1h}", converter = Units.DurationConverter.class,
            description = "How long an event stays in history; not with --redis-mode streams [HERALD_HISTORY_AGE]. "
                    + "Default: ${DEFAULT-VALUE}")
    private Duration historyAge;

    @Option(names = "--buffer-limit", defaultValue = "${env:HERALD_BUFFER_LIMIT:-256KiB}", converter = Units.SizeConverter.class,
            description = "Outbound buffer per stream; a client further behind is dropped and resumes [HERALD_BUFFER_LIMIT]. "
                    + "Default: ${DEFAULT-VALUE}")
    private int bufferLimit;

    @Option(names = "--body-limit", defaultValue = "${env:HERALD_BODY_LIMIT:-64KiB}", converter = Units.SizeConverter.class,
            description = "Largest request body accepted [HERALD_BODY_LIMIT]. Default: ${DEFAULT-VALUE}")
    private int bodyLimit;

    @Option(names = "--redis", defaultValue = "${env:REDIS_URL}",
            description = "Fan out through Redis, e.g. redis://localhost:6379/0; without it Herald uses its in-memory "
                    + "broker [REDIS_URL]")
    private String redis;

    @Option(names = "--redis-mode", defaultValue = "${env:HERALD_REDIS_MODE:-pubsub}",
            description = "With --redis: pubsub (flask-sse's format, history per node) or streams (history in Redis "
                    + "Streams, any node resumes any client) [HERALD_REDIS_MODE]. Default: ${DEFAULT-VALUE}")
    private String redisMode;

    // No ${DEFAULT-VALUE} in the description: --help must not print the secret taken from the environment.
    @Option(names = "--github-webhook-secret", defaultValue = "${env:GITHUB_WEBHOOK_SECRET}",
            description = "The GitHub webhook's secret: every delivery to /webhook/github must then be signed with it. "
                    + "Without it, deliveries are taken unsigned only while Herald listens on a loopback address "
                    + "[GITHUB_WEBHOOK_SECRET; prefer it to the flag, which other users can see in the process list]")
    private String gitHubWebhookSecret;

    @Option(names = "--github-webhook-channel", defaultValue = "${env:HERALD_GITHUB_WEBHOOK_CHANNEL:-sse}",
            description = "Channel the GitHub webhook's notify events go to [HERALD_GITHUB_WEBHOOK_CHANNEL]. "
                    + "Default: ${DEFAULT-VALUE}")
    private String gitHubWebhookChannel;

    @Option(names = "--webhooks-file", defaultValue = "${env:HERALD_WEBHOOKS_FILE}",
            description = "JSON file describing the Standard Webhooks taken at /webhook/<name>: each one's secret "
                    + "(or the environment variable holding it), channel, type and message [HERALD_WEBHOOKS_FILE]")
    private Path webhooksFile;
    @CommandLine.Mixin
    private TokenKeyOptions tokenKeys;

    @Option(names = "--private-channels", defaultValue = "${env:HERALD_PRIVATE_CHANNELS}", paramLabel = "PATTERNS",
            description = "Comma-separated channel patterns (* matches any run of characters) that a stream reads only "
                    + "with a token granting it; needs --jwt-secret or --jwt-key [HERALD_PRIVATE_CHANNELS]")
    private String privateChannels;

    @Option(names = "--allow-query-token", defaultValue = "${env:HERALD_ALLOW_QUERY_TOKEN:-false}",
            description = "Let a stream bring its token as ?access_token= (URLs end up in logs; prefer the cookie) "
                    + "[HERALD_ALLOW_QUERY_TOKEN]. Default: ${DEFAULT-VALUE}")
    private boolean allowQueryToken;

    @Option(names = "--allow-anonymous-publish", defaultValue = "${env:HERALD_ALLOW_ANONYMOUS_PUBLISH:-false}",
            description = "Without --jwt-secret or --jwt-key, let anyone publish though Herald listens on a non-loopback "
                    + "address [HERALD_ALLOW_ANONYMOUS_PUBLISH]. Default: ${DEFAULT-VALUE}")
    private boolean allowAnonymousPublish;

    @Option(names = "--max-streams", defaultValue = "${env:HERALD_MAX_STREAMS:-10000}",
            description = "Streams this node keeps open; one more is told to retry in 5 to 15 s and closed "
                    + "[HERALD_MAX_STREAMS]. Default: ${DEFAULT-VALUE}")
    private int maxStreams;

    @Option(names = "--max-streams-per-client", defaultValue = "${env:HERALD_MAX_STREAMS_PER_CLIENT:-256}",
            description = "Streams one client address may keep open; more are refused with 429. Behind a proxy every "
                    + "client has the proxy's address [HERALD_MAX_STREAMS_PER_CLIENT]. Default: ${DEFAULT-VALUE}")
    private int maxStreamsPerClient;

    @Option(names = "--publish-rate", defaultValue = "${env:HERALD_PUBLISH_RATE:-100}",
            description = "Publish requests per second one client address may make, in bursts of twice that; more are "
                    + "refused with 429 [HERALD_PUBLISH_RATE]. Default: ${DEFAULT-VALUE}")
    private int publishRate;

    @Option(names = "--request-timeout", defaultValue = "${env:HERALD_REQUEST_TIMEOUT:-10s}",
            converter = Units.DurationConverter.class,
            description = "Time for a new connection's request head, and for a request's body after its head; a slower "
                    + "client is disconnected [HERALD_REQUEST_TIMEOUT]. Default: ${DEFAULT-VALUE}")
    private Duration requestTimeout;

    @Option(names = "--idle-timeout", defaultValue = "${env:HERALD_IDLE_TIMEOUT:-60s}",
            converter = Units.DurationConverter.class,
            description = "Time a connection may wait for its next request; streams are never cut "
                    + "[HERALD_IDLE_TIMEOUT]. Default: ${DEFAULT-VALUE}")
    private Duration idleTimeout;

    @Option(names = "--cors-origins", defaultValue = "${env:HERALD_CORS_ORIGINS:-}",
            description = "Origins whose pages may call Herald from a browser, comma-separated "
                    + "(https://app.example.com,http://localhost:3000), or *; none by default [HERALD_CORS_ORIGINS]")
    private String corsOrigins;

    @Option(names = "--management-port", defaultValue = "${env:HERALD_MANAGEMENT_PORT}",
            description = "Serve /health, /ready and the metrics only on this port, on the same host; without it they "
                    + "are served on --port, the metrics behind a publisher token when tokens are on "
                    + "[HERALD_MANAGEMENT_PORT]")
    private Integer managementPort;

    @Option(names = "--metrics-path", defaultValue = "${env:HERALD_METRICS_PATH:-/metrics}",
            description = "Path of the Prometheus metrics [HERALD_METRICS_PATH]. Default: ${DEFAULT-VALUE}")
    private String metricsPath;

    /** The version the jar's manifest carries (the build's), or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"Herald " + (version != null ? version : "development")};
        }
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler(new CommandLineErrors(args));
        int exit = commandLine.execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        HeraldConfig config;
        PublishAccess publishAccess;
        try {
            AccessOptions access = new AccessOptions(tokenKeys.toOptions(), ChannelPatterns.parse(privateChannels),
                    allowQueryToken);
            StandardWebhooks webhooks = webhooksFile == null || webhooksFile.toString().isEmpty() ? StandardWebhooks.none()
                    : WebhooksFile.read(webhooksFile, System::getenv);
            config = config().withAccess(access).withWebhooks(webhooks);
            publishAccess = PublishAccess.of(config.host(), access, allowAnonymousPublish);
        } catch (InvalidOptionException invalid) {
            return CommandLineErrors.report(spec.commandLine(), invalid);
        }
        HeraldServer server;
        try {
            server = HeraldServer.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // the cause names what failed: an address it cannot listen on, or the Redis it cannot reach
            System.err.println("herald: cannot start: " + e.getCause().getMessage());
            return 1;
        }
        if (config.protocols().selfSigned()) {
            LOG.log(System.Logger.Level.WARNING, "--self-signed: TLS with a certificate made at start, for development "
                    + "only: browsers warn about it and other clients must be told to trust it; in production give "
                    + "--tls-cert and --tls-key");
        }
        WebhookAccess.of(config.host(), config.gitHubWebhook()).warnAtStart();
        publishAccess.warnAtStart();
        stopOnSignal(server);
        server.managementPort().ifPresent(managementPort -> System.out.println("Herald health, readiness and metrics on "
                + "http://" + hostForUrl(config.host()) + ":" + managementPort + "/"));
        String scheme = config.protocols().scheme();
        // Last: whoever waits for this line (a supervisor, a test) may stop Herald at once, and gets a clean stop.
        System.out.println("Herald listening on " + scheme + "://" + hostForUrl(config.host()) + ":" + server.port()
                + "/ (" + config.broker().describe() + "; " + describe(config.access()) + describe(config.protocols()) + ")");
        new CountDownLatch(1).await(); // the stop below ends the process
        return 0;
    }

    /** What the start line says of access: whether publishing needs a token, and which channels are private. */
    private static String describe(AccessOptions access) {
        if (!access.tokens().enabled()) {
            return "open publishing";
        }
        return "publishing needs a token" + (access.privateChannels().isEmpty() ? ""
                : "; private channels " + access.privateChannels());
    }

    /** What the start line says of the protocols, when more than HTTP/1.1 without TLS. */
    private static String describe(ProtocolOptions protocols) {
        if (protocols.selfSigned()) {
            return "; HTTP/2 over TLS, self-signed for development";
        }
        if (protocols.tls()) {
            return "; HTTP/2 over TLS";
        }
        return protocols.h2c() ? "; h2c" : "";
    }

    /** A host as a URL writes it: an IPv6 address in brackets. */
    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The options records; each checks its values as it is built. */
    private HeraldConfig config() {
        HistoryPolicy history = new HistoryPolicy(historySize, historyAge);
        String mode = redisMode.trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("pubsub") && !mode.equals("streams")) {
            // checked with or without --redis: a mode that is ignored today would surprise whoever adds Redis later
            throw new InvalidOptionException("redis-mode", "must be pubsub or streams, got " + redisMode);
        }
        BrokerOptions broker;
        if (redis == null || redis.isBlank()) {
            broker = new BrokerOptions.Memory(history);
        } else if (mode.equals("streams")) {
            broker = new BrokerOptions.RedisStreams(redis, historySize);
        } else {
            broker = new BrokerOptions.RedisPubSub(redis, history);
        }
        return new HeraldConfig(host, port, broker, new HubOptions(heartbeat, retry),
                new SseRoutesOptions(bufferLimit, bodyLimit, SseRoutesOptions.defaults().maxChannels()),
                LimitsOptions.builder().maxStreams(maxStreams).maxStreamsPerClient(maxStreamsPerClient)
                        .publishRate(publishRate).build(),
                new CorsOptions(Units.commaList(corsOrigins)),
                new TimeoutOptions(requestTimeout, idleTimeout),
                AccessOptions.open(), new GitHubWebhookOptions(gitHubWebhookSecret, gitHubWebhookChannel),
                StandardWebhooks.none(), new ManagementOptions(
                        managementPort == null ? OptionalInt.empty() : OptionalInt.of(managementPort), metricsPath),
                new ProtocolOptions(pathOrNull(tlsCert), pathOrNull(tlsKey), selfSigned, h2c),
                new EventLoopOptions(eventLoops == null ? EventLoopOptions.cores() : eventLoops, nativeTransport));
    }

    /** A file option's path; none when not given or given empty. */
    private static Path pathOrNull(String file) {
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    /**
     * SIGTERM and SIGINT stop the server cleanly: it stops accepting, ends every stream, releases the broker. A JVM
     * ended by a signal exits with 128 + the signal's number once its hooks finish; halting with 0 after a clean
     * stop tells a supervisor that the stop was a normal one.
     */
    private static void stopOnSignal(HeraldServer server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int status = 0;
            try {
                server.stop().toCompletableFuture().get(15, TimeUnit.SECONDS);
                System.out.println("Herald stopped");
            } catch (Exception e) {
                System.err.println("herald: shutdown did not finish cleanly: " + e);
                status = 1;
            }
            System.out.flush();
            Runtime.getRuntime().halt(status);
        }, "herald-shutdown"));
    }
}
