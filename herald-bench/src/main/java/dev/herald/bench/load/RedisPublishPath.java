package dev.herald.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.redis.pubsub.PubSubRelay;
import dev.herald.redis.streams.StreamsBroker;
import dev.herald.sse.SseEvent;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A Redis broker's publish path alone, in this process: no HTTP, no fan-out, one listener on the channel (a publish
 * completes once this node delivered its event, as the broker contract says). Publishes with {@code --in-flight}
 * outstanding for {@code --warmup} then {@code --duration} seconds and prints one JSON line: publishes completed per
 * second, this process's CPU per publish (µs, every thread: the Redis client's included) and failures.
 *
 * <p>Which Herald it measures is the class path's: {@code java -cp other/herald.jar:herald-bench.jar
 * dev.herald.bench.load.RedisPublishPath ...} runs another build's brokers ({@code bench/redis-and-storm.sh path}).
 */
@Command(name = "redis-publish-path", mixinStandardHelpOptions = true,
        description = "Publishes through a Redis broker in process and prints publishes/s and CPU per publish.")
public final class RedisPublishPath implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--redis", required = true, description = "redis://<loopback host>:<port> of a Redis to use")
    String redisUrl;

    @Option(names = "--mode", required = true, description = "pubsub or streams")
    String mode;

    @Option(names = "--in-flight", defaultValue = "64", description = "Publishes outstanding at most, 1 to 1024. Default: ${DEFAULT-VALUE}")
    int inFlight;

    @Option(names = "--warmup", defaultValue = "2", description = "Seconds of publishing left out, 0 to 60. Default: ${DEFAULT-VALUE}")
    int warmupS;

    @Option(names = "--duration", defaultValue = "5", description = "Seconds measured, 1 to 60. Default: ${DEFAULT-VALUE}")
    int durationS;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RedisPublishPath()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        check();
        Vertx vertx = Vertx.vertx();
        Broker broker = "streams".equals(mode)
                ? StreamsBroker.connect(vertx, redisUrl, 1000).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                : RelayedBroker.start(new PubSubRelay(vertx, redisUrl), HistoryPolicy.defaults()).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
        try {
            broker.subscribe("bench", new BrokerListener() {
                @Override
                public void onEvent(StoredEvent event) {
                    // delivered: the publish may complete
                }
            }).toCompletableFuture().get(10, TimeUnit.SECONDS);
            publishFor(broker, warmupS);
            System.out.println(publishFor(broker, durationS));
            return 0;
        } finally {
            broker.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private String publishFor(Broker broker, int seconds) throws Exception {
        Semaphore room = new Semaphore(inFlight);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (long n = 0; System.nanoTime() < end; n++) {
            if (!room.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no publish completed within 10 s");
            }
            broker.publish(new AdmittedEvent("bench", SseEvent.of("bench", "{\"n\":" + n + "}")))
                    .whenComplete((stored, error) -> {
                        (error == null ? done : failed).incrementAndGet();
                        room.release();
                    });
        }
        if (!room.tryAcquire(inFlight, 20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publishes still outstanding 20 s after the window");
        }
        double wallS = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (os.getProcessCpuTime() - cpuBefore) / 1e3;
        ObjectNode line = new ObjectMapper().createObjectNode()
                .put("mode", mode).put("inFlight", inFlight).put("durationS", wallS)
                .put("publishedPerS", Math.round(done.get() / wallS))
                .put("cpuMicrosPerPublish", Math.round(cpuMicros / Math.max(1, done.get())))
                .put("failed", failed.get());
        return line.toString();
    }

    private void check() {
        if (!"pubsub".equals(mode) && !"streams".equals(mode)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mode must be pubsub or streams, got " + mode);
        }
        // The harness's own rule for a loopback URL (literal addresses and localhost only: no name is looked up).
        try {
            if (!redisUrl.startsWith("redis://")) {
                throw new IllegalArgumentException(redisUrl + " is not a redis:// URL");
            }
            LoopbackUrl.parse("http://" + redisUrl.substring("redis://".length()));
        } catch (IllegalArgumentException refused) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--redis: " + refused.getMessage());
        }
        if (inFlight < 1 || inFlight > 1024 || warmupS < 0 || warmupS > 60 || durationS < 1 || durationS > 60) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--in-flight must be 1 to 1024, --warmup 0 to 60, --duration 1 to 60");
        }
    }
}
