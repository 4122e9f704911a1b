package dev.herald.bench.load;

import com.sun.management.OperatingSystemMXBean;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the harness, phase by phase, each bounded in time: open every stream (at most
 * {@link #CONNECT_LIMIT}), hold them idle, warm up, publish for the measured window, drain (at most {@link #DRAIN_LIMIT}), and
 * sum up. Runs on the calling thread, which only sleeps and asks the event loops for their figures; the
 * streams live on Netty event loops of the run's own, one per core, and the publisher on a Vert.x event loop.
 */
final class LoadRun {

    static final Duration CONNECT_LIMIT = Duration.ofSeconds(60);
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);
    /** The longest an event loop of the harness may take to answer a question. */
    private static final Duration ASK_LIMIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final int SUBSCRIBER_LOOPS = Runtime.getRuntime().availableProcessors();
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long PUBLISH_TIMEOUT_MILLIS = 10_000;
    /** The percentiles reported for a chart of the latency distribution. */
    private static final double[] CHARTED_PERCENTILES = {1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.9, 99.99, 100};
    private static final OperatingSystemMXBean HARNESS = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

    private final LoadPlan plan;
    private final PrintWriter log;

    /**
     * @param plan what to do
     * @param log  where progress goes (stderr)
     */
    LoadRun(LoadPlan plan, PrintWriter log) {
        this.plan = plan;
        this.log = log;
    }

    /** Runs every phase and sums up; the harness's event loops are closed whatever happens. */
    LoadReport run() throws LoadFailedException, InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        EventLoopGroup streamLoops = new MultiThreadIoEventLoopGroup(SUBSCRIBER_LOOPS, NioIoHandler.newFactory());
        try {
            return run(vertx, streamLoops);
        } finally {
            if (!streamLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(CLOSE_LIMIT.toMillis())) {
                log.println("warning: the harness's streams did not close within " + CLOSE_LIMIT.toSeconds() + " s");
            }
            try {
                vertx.close().await(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                log.println("warning: the harness's Vert.x did not close within " + CLOSE_LIMIT.toSeconds() + " s");
            }
        }
    }

    private LoadReport run(Vertx vertx, EventLoopGroup streamLoops) throws LoadFailedException, InterruptedException {
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        // One connection per publish in flight: HTTP/1.1 answers one request at a time per connection.
        HttpClient publishClient = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(plan.maxInFlight()));
        BenchPublisher publisher = new BenchPublisher(publishClient, publishRequest(),
                plan.api().bodyPrefix(plan.channel()), plan.api().bodySuffix(), plan.rate(), plan.maxInFlight());
        ask(vertx.deployVerticle(publisher));
        List<SubscriberGroup> groups = groups(streamLoops);

        Long memoryBefore = plan.server().map(ServerProcess::memoryKiB).orElse(null);
        long connectStart = System.nanoTime();
        connect(groups);
        double connectS = secondsSince(connectStart);
        hold(groups);
        Long memoryIdle = plan.server().map(ServerProcess::memoryKiB).orElse(null);

        log.printf("warming up for %d s%n", plan.warmup().toSeconds());
        ask(publisher.begin());
        Thread.sleep(plan.warmup().toMillis());

        log.printf("measuring for %d s%n", plan.duration().toSeconds());
        Double serverCpuStart = plan.server().map(ServerProcess::cpuSeconds).orElse(null);
        long harnessCpuStart = HARNESS.getProcessCpuTime();
        long windowStart = System.nanoTime();
        ask(publisher.measure());
        measure(groups, publisher, windowStart);
        Future<Void> drained = publisher.finish();
        double durationS = secondsSince(windowStart);
        double harnessCpuS = (HARNESS.getProcessCpuTime() - harnessCpuStart) / 1e9;
        Double serverCpuS = plan.server().map(server -> server.cpuSeconds() - serverCpuStart).orElse(null);
        long windowDeliveries = tally(groups, 0).deliveries();

        PublishTally publishing = drain(drained, publisher);
        StreamTally streams = caughtUp(groups, publishing.published());
        publishing.firstError().ifPresent(error -> log.println("first publish error: " + error));

        LatencyHistogram latencies = streams.latencies();
        return new LoadReport(plan.label(), plan.api().name().toLowerCase(Locale.ROOT), plan.url().toString(),
                plan.subscribers(), plan.channel(), plan.rate(), plan.maxInFlight(), plan.hold().toSeconds(),
                plan.warmup().toSeconds(), round(durationS), round(connectS),
                publishing.published(), round(publishing.published() / durationS), publishing.errors(),
                streams.deliveries(), round(windowDeliveries / durationS),
                millis(latencies.percentileMicros(50)), millis(latencies.percentileMicros(90)),
                millis(latencies.percentileMicros(99)), round(latencies.maxNanos() / 1e6), percentiles(latencies),
                streams.lost(), streams.duplicated(), streams.reordered(), streams.connected() - streams.open(),
                streams.unexpectedEvents(), memoryBefore, memoryIdle,
                memoryIdle == null ? null : round((memoryIdle - memoryBefore) / (double) plan.subscribers()),
                serverCpuS == null ? null : round(serverCpuS), round(harnessCpuS));
    }

    private List<SubscriberGroup> groups(EventLoopGroup streamLoops) {
        String uri = plan.api().streamUri(plan.streamChannel());
        int count = Math.min(SUBSCRIBER_LOOPS, plan.subscribers());
        List<SubscriberGroup> groups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = plan.subscribers() / count + (i < plan.subscribers() % count ? 1 : 0);
            int maxConnecting = Math.max(1, plan.maxConnecting() / count + (i < plan.maxConnecting() % count ? 1 : 0));
            // next() hands out the group's loops in turn.
            groups.add(new SubscriberGroup(streamLoops.next(), plan.url(), uri, size, maxConnecting,
                    CONNECT_TIMEOUT_MILLIS));
        }
        return groups;
    }

    private RequestOptions publishRequest() {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(plan.url().host())
                .setPort(plan.url().port())
                .setURI(plan.url().requestUri(plan.api().publishUri(plan.channel())))
                .putHeader(HttpHeaders.CONTENT_TYPE, plan.api().contentType())
                .setIdleTimeout(PUBLISH_TIMEOUT_MILLIS);
        plan.token().ifPresent(token -> request.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        return request;
    }

    private void connect(List<SubscriberGroup> groups) throws LoadFailedException, InterruptedException {
        log.printf("opening %d streams to %s%n", plan.subscribers(), plan.url());
        groups.forEach(SubscriberGroup::openStreams);
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        while (true) {
            StreamTally tally = tally(groups, 0);
            if (tally.firstError().isPresent()) {
                throw new LoadFailedException("the server refused a stream: " + tally.firstError().get());
            }
            if (tally.connected() == plan.subscribers()) {
                log.printf("%d streams open after %.1f s%n", tally.connected(), secondsSince(start));
                if (tally.open() < tally.connected()) {
                    log.printf("warning: the server already ended %d of them; they are not reopened, so what they "
                            + "miss counts as lost%n", tally.connected() - tally.open());
                }
                return;
            }
            long now = System.nanoTime();
            if (now - start > CONNECT_LIMIT.toNanos()) {
                throw new LoadFailedException("only " + tally.connected() + " of " + plan.subscribers()
                        + " streams opened within " + CONNECT_LIMIT.toSeconds() + " s");
            }
            if (now > nextProgress) {
                log.printf("  %d of %d streams open%s%n", tally.connected(), plan.subscribers(),
                        tally.lastFailure().map(failure -> " (last failure, retried: " + failure + ")").orElse(""));
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Keeps every stream open and idle for the hold, reporting now and then how many the server ended. */
    private void hold(List<SubscriberGroup> groups) throws LoadFailedException, InterruptedException {
        if (plan.hold().isZero()) {
            return;
        }
        log.printf("holding %d idle streams for %d s%n", plan.subscribers(), plan.hold().toSeconds());
        long start = System.nanoTime();
        long end = start + plan.hold().toNanos();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        for (long now = start; now < end; now = System.nanoTime()) {
            if (now >= nextProgress) {
                StreamTally streams = tally(groups, 0);
                log.printf("  %.0f s: %d streams ended by the server%n", secondsSince(start),
                        streams.connected() - streams.open());
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), TimeUnit.NANOSECONDS.toMillis(end - now))));
        }
    }

    /** Sleeps through the measured window, reporting progress now and then. */
    private void measure(List<SubscriberGroup> groups, BenchPublisher publisher, long windowStart)
            throws LoadFailedException, InterruptedException {
        long end = windowStart + plan.duration().toNanos();
        long nextProgress = windowStart + PROGRESS_EVERY.toNanos();
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            if (now >= nextProgress) {
                StreamTally streams = tally(groups, 0);
                log.printf("  %.0f s: %d published, %d delivered, %d streams ended by the server%n",
                        secondsSince(windowStart), ask(publisher.tally()).published(), streams.deliveries(),
                        streams.connected() - streams.open());
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), TimeUnit.NANOSECONDS.toMillis(end - now))));
        }
    }

    /** Waits, within the drain limit, for the answers to the publishes still in flight. */
    private PublishTally drain(Future<Void> drained, BenchPublisher publisher) throws LoadFailedException {
        try {
            drained.await(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.println("warning: publishes still unanswered after " + DRAIN_LIMIT.toSeconds() + " s; left out");
        }
        return ask(publisher.tally());
    }

    /** Waits, within the drain limit, until every open stream holds every message published. */
    private StreamTally caughtUp(List<SubscriberGroup> groups, long published)
            throws LoadFailedException, InterruptedException {
        log.println("draining");
        long start = System.nanoTime();
        while (true) {
            StreamTally tally = tally(groups, published);
            if (tally.caughtUp() == tally.open() || System.nanoTime() - start > DRAIN_LIMIT.toNanos()) {
                return tally;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private StreamTally tally(List<SubscriberGroup> groups, long published) throws LoadFailedException {
        StreamTally sum = StreamTally.empty();
        for (SubscriberGroup group : groups) {
            sum = sum.plus(ask(group.tally(published)));
        }
        return sum;
    }

    /** The answer of one of the harness's event loops, awaited at most {@link #ASK_LIMIT}. */
    private static <T> T ask(java.util.concurrent.Future<T> answer) throws LoadFailedException {
        try {
            return answer.get(ASK_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LoadFailedException("the harness's own event loops did not answer within "
                    + ASK_LIMIT.toSeconds() + " s; is this machine overloaded?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadFailedException("interrupted while asking the harness's event loops");
        } catch (ExecutionException e) {
            throw new LoadFailedException("the harness failed: " + e.getCause());
        }
    }

    private static <T> T ask(Future<T> answer) throws LoadFailedException {
        return ask(answer.toCompletionStage().toCompletableFuture());
    }

    /** The latency at each of {@link #CHARTED_PERCENTILES}, in milliseconds, keyed by the percentile. */
    private static Map<String, Double> percentiles(LatencyHistogram latencies) {
        Map<String, Double> percentiles = new LinkedHashMap<>();
        for (double percent : CHARTED_PERCENTILES) {
            String key = percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
            percentiles.put(key, millis(latencies.percentileMicros(percent)));
        }
        return percentiles;
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double millis(long micros) {
        return round(micros / 1e3);
    }

    /** Three decimals: microseconds when the unit is milliseconds. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
