package dev.herald.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.AccessRules;
import dev.herald.broker.BrokerFactory;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.limits.Limits;
import dev.herald.limits.LimitsOptions;
import dev.herald.presence.PresenceOptions;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.node.Node;
import dev.herald.publish.Publisher;
import dev.herald.request.SseRoutesOptions;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Herald in a Spring application: the broker, the hub that fans its events out, the publisher, the loops that own
 * the streams, the {@link Limits} (streams per node and per client address, publish rate per client address) and the
 * {@link AccessRules} (publisher tokens, private channels): a core {@link Node} built from checked options records by
 * the auto-configuration, and the loops that own its streams.
 *
 * <p>As a {@link SmartLifecycle} it stops in the phase of Spring Boot's graceful shutdown of the web server
 * ({@link #PHASE}), and at the same time: while the web server stops accepting (with {@code server.shutdown=graceful})
 * the node drains, its waiting long polls answered at once and its streams ended at random instants over
 * {@code herald.drain-time}, each after a last {@code retry}, so that the graceful shutdown finds its async requests
 * ended within the drain window instead of waiting for them until its timeout. A stream that still opens meanwhile
 * leaves within what is left of the window. Then {@link #close} closes the broker, Vert.x and the loops.
 */
public final class HeraldNode implements SmartLifecycle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldNode.class);
    private static final long CONNECT_SECONDS = 30;
    private static final long END_STREAMS_SECONDS = 10;
    /**
     * Spring Boot's {@code WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE} (Boot 3 and 4 alike; the class
     * moved between them, so its value rather than its name): stopped together with the graceful shutdown, before
     * the web server itself ({@code SMART_LIFECYCLE_PHASE - 1024}).
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private final String prefix;
    private final Node node;
    private final AccessRules access;
    private final StreamLoops loops;
    private volatile boolean running;

    HeraldNode(BrokerFactory broker, HubOptions hubOptions, SseRoutesOptions routesOptions, String prefix,
               LimitsOptions limitsOptions, AccessOptions accessOptions, PresenceOptions presenceOptions, int loopCount,
               HeraldMetrics metrics, ObjectMapper json, Duration idempotencyWindow) {
        this.prefix = prefix;
        try {
            this.node = Node.builder().broker(broker).hub(hubOptions).routes(routesOptions).limits(limitsOptions)
                    .presence(presenceOptions)
                    .access(counted -> new AccessRules(accessOptions, counted)).metrics(metrics).json(json)
                    .idempotencyWindow(idempotencyWindow)
                    .start().toCompletableFuture().get(CONNECT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker (" + broker.describe() + ") did not answer within "
                    + CONNECT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + broker.describe(), e);
        }
        // The access rules the node made with the metrics it counts with, so that their refusals reach its status too.
        this.access = (AccessRules) node.access();
        this.loops = new StreamLoops(loopCount);
    }

    /** The node: its services, hub, limits and access. */
    public Node node() {
        return node;
    }

    /** The hub, for streams served by other means: {@link Hub#subscribe} with a sink of your own, on its thread. */
    public Hub hub() {
        return node.hub();
    }

    /** The publish API behind {@code POST <prefix>/publish} and {@link HeraldPublisher}. */
    public Publisher publisher() {
        return node.publisher();
    }

    /** The endpoints' limits. */
    public SseRoutesOptions routesOptions() {
        return node.routesOptions();
    }

    /** Where the endpoints are mounted: {@code ""} or {@code /path}. */
    public String prefix() {
        return prefix;
    }

    /** The broker chosen, without any password, for logs and health details. */
    public String describeBroker() {
        return node.describeBroker();
    }

    /** False while the broker's Redis connection is lost and not yet restored; always true for the memory broker. */
    public boolean brokerConnected() {
        return node.brokerConnected();
    }

    /** The caps the endpoints apply, and their counts. */
    public Limits limits() {
        return node.limits();
    }

    /** Who may publish and read private channels. */
    public AccessRules access() {
        return access;
    }

    StreamLoops loops() {
        return loops;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Drains: completes {@code callback} once every stream has ended, within {@code herald.drain-time}. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        long open = node.counters().streamsOpen();
        if (open > 0) {
            LOG.info("draining; streams to end: " + open + " over "
                    + node.hubOptions().drainTime().toMillis() + " ms");
        }
        node.drain().whenComplete((drained, error) -> callback.run());
    }

    /** Drains, and waits for every stream to have ended. */
    @Override
    public void stop() {
        running = false;
        try {
            node.drain().toCompletableFuture().get(endStreamsMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("not every stream was ended at shutdown: " + e);
        }
    }

    /** Whether the node drains for the application's stop: its health is then out of service. */
    public boolean draining() {
        return node.draining();
    }

    private long endStreamsMillis() {
        return node.hubOptions().drainTime().toMillis() + TimeUnit.SECONDS.toMillis(END_STREAMS_SECONDS);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Closes the broker (and the Vert.x a Redis broker made for itself) and the loops; ends the streams first. */
    @Override
    public void close() {
        stop();
        try {
            node.closeAsync().toCompletableFuture().get(endStreamsMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the broker did not close: " + e);
        }
        loops.close();
    }
}
