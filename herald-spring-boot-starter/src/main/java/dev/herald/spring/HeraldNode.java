package dev.herald.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.AccessRules;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerConnection;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.limits.Limits;
import dev.herald.limits.LimitsOptions;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.publish.Publisher;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.Brokers;
import dev.herald.request.SseRoutesOptions;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.context.SmartLifecycle;

/**
 * Herald in a Spring application: the broker, the hub that fans its events out, the publisher, the loops that own
 * the streams, the {@link Limits} (streams per node and per client address, publish rate per client address) and the
 * {@link AccessRules} (publisher tokens, private channels). Built from checked options records by the auto-configuration; a Vert.x instance (for the Redis client)
 * exists only when the broker is on Redis.
 *
 * <p>As a {@link SmartLifecycle} of the highest phase it stops first, before the web server's graceful shutdown: every
 * stream is ended cleanly, so clients reconnect (to another node, or here later) and no open stream holds the
 * shutdown up. Then {@link #close} closes the broker, Vert.x and the loops.
 */
public final class HeraldNode implements SmartLifecycle, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HeraldNode.class.getName());
    private static final long CONNECT_SECONDS = 30;
    private static final long END_STREAMS_SECONDS = 10;

    private final BrokerOptions brokerOptions;
    private final SseRoutesOptions routesOptions;
    private final String prefix;
    private final Vertx vertx;
    private final BrokerConnection connection;
    private final Broker broker;
    private final Hub hub;
    private final Publisher publisher;
    private final StreamLoops loops;
    private final Limits limits;
    private final AccessRules access;
    /**
     * One thread for what happens at a time rather than on a request: forgetting, every {@link Limits#SWEEP_INTERVAL},
     * the client addresses that hold nothing, and ending private streams when their tokens expire (handed to their
     * loops).
     */
    private final ScheduledExecutorService timers;
    private volatile boolean running;

    HeraldNode(BrokerOptions brokerOptions, HubOptions hubOptions, SseRoutesOptions routesOptions, String prefix,
               LimitsOptions limitsOptions, AccessOptions accessOptions, int loopCount, HeraldMetrics metrics) {
        this.brokerOptions = brokerOptions;
        this.routesOptions = routesOptions;
        this.prefix = prefix;
        this.connection = new BrokerConnection(metrics);
        this.vertx = brokerOptions instanceof BrokerOptions.Memory ? null : Vertx.vertx();
        try {
            this.broker = Brokers.connect(brokerOptions, vertx, connection).toCompletionStage().toCompletableFuture()
                    .get(CONNECT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            closeVertx();
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            closeVertx();
            throw new IllegalStateException("the broker (" + brokerOptions.describe() + ") did not answer within "
                    + CONNECT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeVertx();
            throw new IllegalStateException("interrupted while connecting to " + brokerOptions.describe(), e);
        }
        this.hub = new Hub(broker, hubOptions, metrics);
        this.publisher = new Publisher(broker, new ObjectMapper(), metrics);
        this.loops = new StreamLoops(loopCount);
        this.limits = new Limits(limitsOptions, System::nanoTime, metrics);
        this.access = new AccessRules(accessOptions, metrics);
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "herald-timers");
            thread.setDaemon(true);
            return thread;
        });
        long sweepMillis = Limits.SWEEP_INTERVAL.toMillis();
        timers.scheduleAtFixedRate(limits::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /** The hub, for streams served by other means: {@link Hub#subscribe} with a sink of your own, on its thread. */
    public Hub hub() {
        return hub;
    }

    /** The publish API behind {@code POST <prefix>/publish} and {@link HeraldPublisher}. */
    public Publisher publisher() {
        return publisher;
    }

    /** The endpoints' limits. */
    public SseRoutesOptions routesOptions() {
        return routesOptions;
    }

    /** Where the endpoints are mounted: {@code ""} or {@code /path}. */
    public String prefix() {
        return prefix;
    }

    /** The broker chosen, without any password, for logs and health details. */
    public String describeBroker() {
        return brokerOptions.describe();
    }

    /** False while the broker's Redis connection is lost and not yet restored; always true for the memory broker. */
    public boolean brokerConnected() {
        return connection.isUp();
    }

    /** The caps the endpoints apply, and their counts. */
    public Limits limits() {
        return limits;
    }

    /** Who may publish and read private channels. */
    public AccessRules access() {
        return access;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    StreamLoops loops() {
        return loops;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream, cleanly, so that clients reconnect; waits for the loops to have done it. */
    @Override
    public void stop() {
        running = false;
        try {
            hub.closeStreams().toCompletableFuture().get(END_STREAMS_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "not every stream was ended at shutdown: " + e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Closes the broker, Vert.x (when there is one) and the loops; ends the streams first (again: idempotent). */
    @Override
    public void close() {
        stop();
        broker.close();
        closeVertx();
        loops.close();
        timers.shutdownNow();
    }

    private void closeVertx() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(END_STREAMS_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "Vert.x did not close: " + e);
            }
        }
    }
}
