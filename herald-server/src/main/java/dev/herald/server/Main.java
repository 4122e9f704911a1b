package dev.herald.server;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.relay.RelayOptions;
import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.options.InvalidOptionException;
import dev.herald.presence.PresenceOptions;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.cstreams.ReplicaWait;
import dev.herald.request.SseRoutesOptions;
import dev.herald.server.webhook.GitHubWebhookOptions;
import dev.herald.server.webhook.StandardWebhooks;
import dev.herald.server.webhook.WebhookAccess;
import dev.herald.server.webhook.WebhooksFile;
import dev.herald.vertx.CorsOptions;
import dev.herald.web.console.ConsoleOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The command line: {@code java -jar herald.jar [options]}; every option also reads an environment variable and a
 * key of the configuration file ({@code --config}). Each flag is named here, and takes its default, its variable and
 * its help text from the option's declaration ({@link DeclaredOptions}). It only reads values: each is checked once, where its options record is built, and a
 * refusal is reported here in one line that names the flag, or the environment variable when the value came from one.
 */
@Command(name = "herald", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, subcommands = TokenCommand.class,
        description = "Real-time notifications over Server-Sent Events. Serves the page at /, the stream at "
                + "/stream, polling and long polling at /poll, publishing at /publish and /send_notification, "
                + "GitHub's webhook at /webhook/github and Standard Webhooks at /webhook/<name>, and /health, /ready and /metrics. "
                + "Every option can also be set by the environment variable shown in brackets, or in the file "
                + "--config names under its name without the dashes; a flag wins over a variable, a variable over the "
                + "file.")
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE")
    private String configFile; // read by DeclaredOptions, which finds the file before any option needs it

    @Option(names = "--host")
    private String host;

    @Option(names = "--port")
    private int port;

    @Option(names = "--event-loops", paramLabel = "N")
    private Integer eventLoops;

    @Option(names = "--native-transport", arity = "1", paramLabel = "true|false")
    private boolean nativeTransport;

    @Option(names = "--tls-cert", paramLabel = "FILE")
    private String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE")
    private String tlsKey;

    @Option(names = "--self-signed")
    private boolean selfSigned;

    @Option(names = "--h2c")
    private boolean h2c;

    @Option(names = "--heartbeat", converter = Units.DurationConverter.class)
    private Duration heartbeat;

    @Option(names = "--retry", converter = Units.DurationConverter.class)
    private Duration retry;

    @Option(names = "--slow-client-timeout", converter = Units.DurationConverter.class)
    private Duration slowClientTimeout;

    @Option(names = "--drain-time", converter = Units.DurationConverter.class)
    private Duration drainTime;

    @Option(names = "--publish-backlog")
    private int publishBacklog;

    @Option(names = "--publish-wait", converter = Units.DurationConverter.class)
    private Duration publishWait;

    @Option(names = "--idempotency-window", converter = Units.DurationConverter.class)
    private Duration idempotencyWindow;

    @Option(names = "--history-size")
    private int historySize;

    @Option(names = "--history-age", converter = Units.DurationConverter.class)
    private Duration historyAge;

    @Option(names = "--latest-value-channels", paramLabel = "PATTERNS")
    private String latestValueChannels;

    @Option(names = "--history-memory", converter = Units.SizeConverter.class)
    private int historyMemory;

    /** Several flags, or one value with the rules separated by ';' (as the config file and the variable write it). */
    @Option(names = "--history", paramLabel = "RULE", split = ";")
    private List<String> history;

    @Option(names = "--buffer-limit", converter = Units.SizeConverter.class)
    private int bufferLimit;

    @Option(names = "--body-limit", converter = Units.SizeConverter.class)
    private int bodyLimit;

    @Option(names = "--redis")
    private String redis;

    @Option(names = "--redis-cluster", paramLabel = "SEEDS")
    private String redisCluster;

    @Option(names = "--redis-mode")
    private String redisMode;

    @Option(names = "--redis-wait-replicas")
    private int redisWaitReplicas;

    @Option(names = "--redis-wait-timeout", converter = Units.DurationConverter.class)
    private Duration redisWaitTimeout;

    @Option(names = "--redis-linger", converter = Units.DurationConverter.class)
    private Duration redisLinger;

    @Option(names = "--github-webhook-secret")
    private String gitHubWebhookSecret;

    @Option(names = "--github-webhook-channel")
    private String gitHubWebhookChannel;

    @Option(names = "--webhooks-file")
    private Path webhooksFile;
    @CommandLine.Mixin
    private TokenKeyOptions tokenKeys;

    @Option(names = "--private-channels", paramLabel = "PATTERNS")
    private String privateChannels;

    @Option(names = "--presence-channels", paramLabel = "PATTERNS")
    private String presenceChannels;

    @Option(names = "--presence-ttl", converter = Units.DurationConverter.class)
    private Duration presenceTtl;

    @Option(names = "--allow-query-token")
    private boolean allowQueryToken;

    @Option(names = "--allow-anonymous-publish")
    private boolean allowAnonymousPublish;

    @Option(names = "--max-streams")
    private int maxStreams;

    @Option(names = "--max-streams-per-client")
    private Integer maxStreamsPerClient;

    @Option(names = "--publish-rate")
    private int publishRate;

    @Option(names = "--publish-burst")
    private Integer publishBurst;

    @Option(names = "--token-publish-rate")
    private int tokenPublishRate;

    @Option(names = "--token-publish-burst")
    private Integer tokenPublishBurst;

    @Option(names = "--trusted-proxies", paramLabel = "CIDRS")
    private String trustedProxies;

    @Option(names = "--request-timeout", converter = Units.DurationConverter.class)
    private Duration requestTimeout;

    @Option(names = "--idle-timeout", converter = Units.DurationConverter.class)
    private Duration idleTimeout;

    @Option(names = "--cors-origins")
    private String corsOrigins;

    @Option(names = "--console", paramLabel = "auto|token|off")
    private String console;

    @Option(names = "--node-id", paramLabel = "NAME")
    private String nodeId;

    @Option(names = "--management-port")
    private Integer managementPort;

    @Option(names = "--metrics-path")
    private String metricsPath;

    @Option(names = "--log-format", paramLabel = "text|json")
    private String logFormat;

    @Option(names = "--log-level", paramLabel = "LEVELS")
    private String logLevel;

    @Option(names = "--access-log")
    private boolean accessLog;

    /** The version the jar's manifest carries (the build's), or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"Herald " + (version != null ? version : "development")};
        }
    }

    public static void main(String[] args) {
        CommandLine commandLine = commandLine(DeclaredOptions.fromEnvironment());
        commandLine.setParameterExceptionHandler(new CommandLineErrors(args));
        int exit = commandLine.execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** The command line, its defaults and help text taken from {@code declared}. */
    static CommandLine commandLine(DeclaredOptions declared) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setDefaultValueProvider(declared);
        commandLine.setResourceBundle(declared.descriptions());
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        DeclaredOptions declared = spec.defaultValueProvider() instanceof DeclaredOptions provider ? provider : null;
        if (declared != null) {
            declared.configFile(spec); // a file is checked whole even when the flags leave nothing for it to set
        }
        HeraldConfig config;
        PublishAccess publishAccess;
        try {
            LogSetup.apply(LogOptions.of(logFormat, logLevel, accessLog));
            if (declared != null) {
                declared.deprecations().forEach(LOG::warn);
            }
            Checked checked = checked();
            config = checked.config();
            publishAccess = checked.publishAccess();
            HistoryHeap.check(config.broker(), Runtime.getRuntime().maxMemory());
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
            LOG.warn("--self-signed: TLS with a certificate made at start, for development "
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

    /** The node's configuration and who may publish, every value checked. */
    record Checked(HeraldConfig config, PublishAccess publishAccess) {
    }

    /**
     * Every options record, with the files they name read (token keys, webhooks): what the node needs to start, and
     * all {@link HeapPlan} needs to refuse what the node would.
     *
     * @throws InvalidOptionException naming the first value refused
     */
    Checked checked() {
        AccessOptions access = new AccessOptions(tokenKeys.toOptions(), ChannelPatterns.parse(privateChannels),
                allowQueryToken);
        StandardWebhooks webhooks = webhooksFile == null || webhooksFile.toString().isEmpty() ? StandardWebhooks.none()
                : WebhooksFile.read(webhooksFile, System::getenv);
        HeraldConfig config = config().withAccess(access).withWebhooks(webhooks);
        return new Checked(config, PublishAccess.of(config.host(), access, allowAnonymousPublish));
    }

    /** The options records; each checks its values as it is built. */
    HeraldConfig config() {
        BrokerOptions broker = BrokerOptions.of(redis, redisCluster, redisMode,
                new HistoryPolicy(historySize, historyAge, historyMemory,
                HistoryPolicy.rules(history == null ? null : String.join(";", history))),
                new ReplicaWait(redisWaitReplicas, redisWaitTimeout), new RelayOptions(redisLinger));
        return new HeraldConfig(host, port, broker, new HubOptions(heartbeat, retry, slowClientTimeout, drainTime,
                ChannelPatterns.parse(latestValueChannels), publishBacklog, publishWait),
                new SseRoutesOptions(bufferLimit, bodyLimit, SseRoutesOptions.defaults().maxChannels()),
                LimitsOptions.builder().maxStreams(maxStreams).maxStreamsPerClient(maxStreamsPerClient)
                        .publishRate(publishRate).publishBurst(publishBurst).tokenPublishRate(tokenPublishRate)
                        .tokenPublishBurst(tokenPublishBurst).trustedProxies(trustedProxies).build(),
                new CorsOptions(Units.commaList(corsOrigins)),
                new TimeoutOptions(requestTimeout, idleTimeout),
                AccessOptions.open(), new GitHubWebhookOptions(gitHubWebhookSecret, gitHubWebhookChannel),
                StandardWebhooks.none(), new ManagementOptions(
                        managementPort == null ? OptionalInt.empty() : OptionalInt.of(managementPort), metricsPath),
                new ProtocolOptions(pathOrNull(tlsCert), pathOrNull(tlsKey), selfSigned, h2c),
                new EventLoopOptions(eventLoops == null ? EventLoopOptions.cores() : eventLoops, nativeTransport),
                ConsoleOptions.mode(console), nodeId, idempotencyWindow,
                new PresenceOptions(ChannelPatterns.parse(presenceChannels), presenceTtl));
    }

    /** A file option's path; none when not given or given empty. */
    private static Path pathOrNull(String file) {
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    /**
     * SIGTERM and SIGINT stop the server cleanly: it stops accepting, drains its streams over {@code --drain-time},
     * releases the broker; the hook waits longer than the drain ({@link HeraldServer#stopTimeout()}). A JVM
     * ended by a signal exits with 128 + the signal's number once its hooks finish; halting with 0 after a clean
     * stop tells a supervisor that the stop was a normal one.
     */
    private static void stopOnSignal(HeraldServer server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int status = 0;
            try {
                server.stop().toCompletableFuture().get(server.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
