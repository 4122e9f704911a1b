package dev.herald.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The drain bench: {@code java -cp herald-bench.jar dev.herald.bench.load.DrainHarness --from A --to B --pid PID_OF_A}.
 * Opens {@code --streams} clients on node A ({@link FailoverStreams}: each reconnects to node B with
 * {@code Last-Event-ID} after the last {@code retry} it was given), publishes {@code --rate} messages a second to node
 * B, sends node A a SIGTERM, keeps publishing for {@code --after} seconds, and prints one JSON line
 * ({@link DrainReport}) on stdout and the per-second table on stderr. Every phase is bounded in time. Exit status: 0
 * with figures, 1 when the run could not produce them, 2 for a bad option.
 */
@Command(name = "herald-drain-bench", mixinStandardHelpOptions = true, version = "Herald bench 0.3.0",
        description = "Stops node A under --streams clients that fail over to node B; reports reconnects per second "
                + "at B, lost, duplicated and reordered events, and A's exit time.")
public final class DrainHarness implements Callable<Integer> {

    private static final int LOOPS = 2;
    private static final int MAX_CONNECTING = 64;
    private static final long OPEN_LIMIT_S = 120;
    private static final long CATCH_UP_LIMIT_S = 30;
    private static final long WARMUP_S = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, description = "Base URL of node A, the node stopped (loopback)")
    private String from;

    @Option(names = "--to", required = true, description = "Base URL of node B, where clients reconnect (loopback)")
    private String to;

    @Option(names = "--pid", required = true, description = "Process id of node A, sent SIGTERM")
    private long pid;

    @Option(names = "--streams", defaultValue = "5000", description = "Clients, 1 to 19,500. Default: ${DEFAULT-VALUE}")
    private int streams;

    @Option(names = "--rate", defaultValue = "20", description = "Messages a second, 1 to 1,000. Default: ${DEFAULT-VALUE}")
    private int rate;

    @Option(names = "--before", defaultValue = "3", description = "Measured seconds before the SIGTERM, 1 to 60. Default: ${DEFAULT-VALUE}")
    private int beforeS;

    @Option(names = "--after", defaultValue = "25", description = "Seconds of publishing after the SIGTERM, 1 to 120. Default: ${DEFAULT-VALUE}")
    private int afterS;

    @Option(names = "--channel", defaultValue = "drain", description = "Channel. Default: ${DEFAULT-VALUE}")
    private String channel;

    @Option(names = "--label", defaultValue = "", description = "Free text copied into the output")
    private String label;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DrainHarness()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LoopbackUrl a;
        LoopbackUrl b;
        try {
            a = LoopbackUrl.parse(from);
            b = LoopbackUrl.parse(to);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        within("--streams", streams, 1, LoadHarness.MAX_SUBSCRIBERS);
        within("--rate", rate, 1, 1_000);
        within("--before", beforeS, 1, 60);
        within("--after", afterS, 1, 120);
        ProcessHandle nodeA = ProcessHandle.of(pid).orElseThrow(() ->
                new ParameterException(spec.commandLine(), "no process " + pid));
        PrintWriter log = spec.commandLine().getErr();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(LOOPS, NioIoHandler.newFactory());
        try {
            DrainReport report = run(a, b, nodeA, vertx, loops, log);
            log.print(report.table());
            log.flush();
            spec.commandLine().getOut().println(JSON.writeValueAsString(report));
            return 0;
        } catch (LoadFailedException e) {
            log.println("herald-drain-bench: " + e.getMessage());
            return 1;
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10_000);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private DrainReport run(LoopbackUrl a, LoopbackUrl b, ProcessHandle nodeA, Vertx vertx, EventLoopGroup loops,
                            PrintWriter log) throws Exception {
        RequestOptions publish = new RequestOptions().setMethod(HttpMethod.POST).setHost(b.host()).setPort(b.port())
                .setURI(b.requestUri(ServerApi.HERALD.publishUri(channel)))
                .putHeader(HttpHeaders.CONTENT_TYPE, ServerApi.HERALD.contentType()).setIdleTimeout(10_000);
        BenchPublisher publisher = new BenchPublisher(vertx.createHttpClient(new HttpClientOptions(),
                new PoolOptions().setHttp1MaxSize(8)), publish, ServerApi.HERALD.bodyPrefix(channel),
                ServerApi.HERALD.bodySuffix(), rate, 8);
        vertx.deployVerticle(publisher).await(10, TimeUnit.SECONDS);

        List<FailoverStreams> groups = new ArrayList<>();
        for (int i = 0; i < LOOPS; i++) {
            int size = streams / LOOPS + (i < streams % LOOPS ? 1 : 0);
            groups.add(new FailoverStreams(loops.next(), a, b, ServerApi.HERALD.streamUri(channel), size,
                    MAX_CONNECTING / LOOPS));
        }
        log.printf("opening %d streams on %s%n", streams, a);
        groups.forEach(FailoverStreams::openStreams);
        long openDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(OPEN_LIMIT_S);
        while (opened(groups) < streams) {
            if (System.nanoTime() > openDeadline) {
                throw new LoadFailedException("only " + opened(groups) + " of " + streams + " streams opened within "
                        + OPEN_LIMIT_S + " s; last failure: " + tally(groups, 0).lastFailure());
            }
            Thread.sleep(100);
        }
        log.printf("publishing %d/s to %s; %d s warm-up, %d s measured before the SIGTERM%n", rate, b, WARMUP_S, beforeS);
        publisher.begin().await(10, TimeUnit.SECONDS);
        Thread.sleep(TimeUnit.SECONDS.toMillis(WARMUP_S));
        publisher.measure().await(10, TimeUnit.SECONDS);
        Thread.sleep(TimeUnit.SECONDS.toMillis(beforeS));

        long sigterm = System.nanoTime();
        AtomicLong exited = new AtomicLong();
        nodeA.onExit().thenRun(() -> exited.set(System.nanoTime()));
        if (!nodeA.destroy()) {
            throw new LoadFailedException("could not send SIGTERM to process " + pid);
        }
        log.printf("SIGTERM sent to node A (%d); publishing for %d s more%n", pid, afterS);
        for (int s = 1; s <= afterS; s++) {
            Thread.sleep(1_000);
            if (s % 5 == 0) {
                FailoverStreams.Tally now = tally(groups, 0);
                log.printf("  %2d s: %d open on A, %d open on B%n", s, now.openOnFrom(), now.openOnTo());
            }
        }
        publisher.finish().await(15, TimeUnit.SECONDS);
        long published = publisher.tally().await(10, TimeUnit.SECONDS).published();
        long caughtUpDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CATCH_UP_LIMIT_S);
        FailoverStreams.Tally last = tally(groups, published);
        while (last.caughtUp() < streams && System.nanoTime() < caughtUpDeadline) {
            Thread.sleep(200);
            last = tally(groups, published);
        }
        long exitNanos = exited.get();
        return DrainReport.of(label, streams, rate, published, last, sigterm, exitNanos == 0 ? null : exitNanos);
    }

    private static int opened(List<FailoverStreams> groups) throws Exception {
        int opened = 0;
        for (FailoverStreams group : groups) {
            opened += group.opened().get(10, TimeUnit.SECONDS);
        }
        return opened;
    }

    /** The sum of every group's tally. */
    private static FailoverStreams.Tally tally(List<FailoverStreams> groups, long published)
            throws InterruptedException, ExecutionException, TimeoutException {
        FailoverStreams.Tally sum = null;
        for (FailoverStreams group : groups) {
            FailoverStreams.Tally one = group.tally(published).get(10, TimeUnit.SECONDS);
            sum = sum == null ? one : new FailoverStreams.Tally(sum.clients() + one.clients(),
                    sum.openOnFrom() + one.openOnFrom(), sum.openOnTo() + one.openOnTo(),
                    sum.caughtUp() + one.caughtUp(), sum.lost() + one.lost(), sum.duplicated() + one.duplicated(),
                    sum.reordered() + one.reordered(), concat(sum.endNanos(), one.endNanos()),
                    concat(sum.reconnectNanos(), one.reconnectNanos()), concat(sum.gapNanos(), one.gapNanos()),
                    concat(sum.lastRetries(), one.lastRetries()), sum.failedAttempts() + one.failedAttempts(),
                    sum.gaveUp() + one.gaveUp(), one.lastFailure() != null ? one.lastFailure() : sum.lastFailure());
        }
        return sum;
    }

    private static long[] concat(long[] first, long[] second) {
        long[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private void within(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be between " + min + " and " + max
                    + ", got " + value);
        }
    }
}
