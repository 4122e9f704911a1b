package dev.herald.server;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** The command line: {@code java -jar herald.jar [options]}; every option also reads an environment variable. */
@Command(name = "herald", mixinStandardHelpOptions = true, version = "Herald 0.1.0",
        sortOptions = false,
        description = "Real-time notifications over Server-Sent Events. Serves the page at /, the stream at "
                + "/stream, and publishing at /publish and /send_notification. Every option can also be set by the "
                + "environment variable shown in brackets.")
public final class Main implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "${env:HERALD_HOST:-127.0.0.1}",
            description = "Address to listen on; 0.0.0.0 for every interface [HERALD_HOST]. Default: ${DEFAULT-VALUE}")
    private String host;

    @Option(names = "--port", defaultValue = "${env:HERALD_PORT:-8080}",
            description = "Port to listen on; 0 picks a free one [HERALD_PORT]. Default: ${DEFAULT-VALUE}")
    private int port;

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
            description = "How long an event stays in history [HERALD_HISTORY_AGE]. Default: ${DEFAULT-VALUE}")
    private Duration historyAge;

    @Option(names = "--buffer-limit", defaultValue = "${env:HERALD_BUFFER_LIMIT:-256KiB}", converter = Units.SizeConverter.class,
            description = "Outbound buffer per stream; a client further behind is dropped and resumes [HERALD_BUFFER_LIMIT]. "
                    + "Default: ${DEFAULT-VALUE}")
    private int bufferLimit;

    @Option(names = "--body-limit", defaultValue = "${env:HERALD_BODY_LIMIT:-64KiB}", converter = Units.SizeConverter.class,
            description = "Largest request body accepted [HERALD_BODY_LIMIT]. Default: ${DEFAULT-VALUE}")
    private int bodyLimit;

    @Option(names = "--redis", defaultValue = "${env:REDIS_URL}",
            description = "Fan out through Redis Pub/Sub (flask-sse's format), e.g. redis://localhost:6379/0; "
                    + "without it Herald uses its in-memory broker [REDIS_URL]")
    private String redis;

    @Option(names = "--redis-mode", defaultValue = "${env:HERALD_REDIS_MODE:-pubsub}", converter = RedisModeConverter.class,
            description = "With --redis: pubsub (flask-sse's format, history per node) or streams (history in Redis "
                    + "Streams, any node resumes any client) [HERALD_REDIS_MODE]. Default: ${DEFAULT-VALUE}")
    private HeraldConfig.RedisMode redisMode;

    /** Reads {@code pubsub} or {@code streams}. */
    static final class RedisModeConverter implements picocli.CommandLine.ITypeConverter<HeraldConfig.RedisMode> {
        @Override
        public HeraldConfig.RedisMode convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "pubsub" -> HeraldConfig.RedisMode.PUBSUB;
                case "streams" -> HeraldConfig.RedisMode.STREAMS;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a Redis mode; use pubsub or streams");
            };
        }
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        HeraldConfig config = validated();
        HeraldServer server;
        try {
            server = HeraldServer.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            System.err.println("herald: cannot start: " + e.getCause().getMessage());
            return 1;
        }
        System.out.println("Herald listening on http://" + config.host() + ":" + server.port() + "/ ("
                + (config.redisUrl() == null ? "in-memory broker" : "Redis " + (config.redisMode() == HeraldConfig.RedisMode.STREAMS ? "Streams" : "Pub/Sub")
                + " at " + config.redisUrlForDisplay()) + ")");

        CountDownLatch stopped = new CountDownLatch(1);
        Runnable shutdown = () -> {
            try {
                server.stop().toCompletableFuture().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("herald: shutdown did not finish cleanly: " + e);
            }
            stopped.countDown();
        };
        // A handler, not a shutdown hook: a hook cannot change the exit status, and SIGTERM is a normal stop.
        Signal.handle(new Signal("TERM"), signal -> new Thread(shutdown, "herald-shutdown").start());
        Signal.handle(new Signal("INT"), signal -> new Thread(shutdown, "herald-shutdown").start());
        stopped.await();
        System.out.println("Herald stopped");
        return 0;
    }

    private HeraldConfig validated() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + port);
        }
        if (heartbeat.isZero() || heartbeat.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--heartbeat must be positive");
        }
        if (historySize < 0) {
            throw new ParameterException(spec.commandLine(), "--history-size must be zero or more");
        }
        if (historyAge.isZero() || historyAge.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--history-age must be positive");
        }
        if (bufferLimit < 1024) {
            throw new ParameterException(spec.commandLine(), "--buffer-limit must be at least 1KiB");
        }
        if (bodyLimit < 1) {
            throw new ParameterException(spec.commandLine(), "--body-limit must be at least 1 byte");
        }
        if (redis != null && !redis.isBlank() && !redis.startsWith("redis://") && !redis.startsWith("rediss://")) {
            throw new ParameterException(spec.commandLine(), "--redis must be a URL like redis://localhost:6379/0, got " + redis);
        }
        return new HeraldConfig(host, port, heartbeat, retry, historySize, historyAge, bufferLimit, bodyLimit,
                redis == null || redis.isBlank() ? null : redis, redisMode);
    }
}
