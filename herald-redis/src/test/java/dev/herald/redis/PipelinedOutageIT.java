package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.redis.pubsub.PubSubRelay;
import dev.herald.redis.streams.StreamsBroker;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.sse.SseEvent;
import dev.herald.testing.CapturedLog;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests pipelined on the command connections when Redis goes away: each one fails, none is left waiting or
 * reported done, and the next request after Redis is back is served on a new connection. Redis is paused
 * ({@code CLIENT PAUSE}) first, so that every request is still in flight, unanswered, when it stops.
 */
class PipelinedOutageIT {

    private static final int IN_FLIGHT = 200;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private RedisServerProcess redis;
    private Vertx vertx;

    @BeforeEach
    void startRedis() {
        redis = RedisServerProcess.start();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        redis.close();
    }

    @Test
    void aRestartFailsEveryPipelinedRequestAndTheNextOneReconnects() throws Exception {
        try (RedisCommands commands = new RedisCommands(vertx, RedisClients.options(redis.url()))) {
            for (int i = 0; i < RedisCommands.CONNECTIONS; i++) {
                assertThat(join(commands.send(Request.cmd(Command.PING))).toString()).isEqualTo("PONG");
            }
            pauseRedis();
            List<CompletableFuture<Response>> inFlight = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                inFlight.add(commands.send(Request.cmd(Command.INCR).arg("counter")).toCompletionStage().toCompletableFuture());
            }

            redis.stop();

            assertEachFailed(inFlight, Throwable.class);
            redis.startAgain();
            Awaitility.await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                    assertThat(join(commands.send(Request.cmd(Command.INCR).arg("counter"))).toLong()).isEqualTo(1));
        }
    }

    @Test
    void aScriptRedisForgotIsSentAgainByItsTextAndRunsOnce() throws Exception {
        RedisScript script = RedisScript.load(PipelinedOutageIT.class, "count.lua");
        try (RedisCommands commands = new RedisCommands(vertx, RedisClients.options(redis.url()))) {
            assertThat(join(commands.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.text()))).toString())
                    .as("Redis names the script by the digest computed here").isEqualTo(script.sha1());
            RedisScript.Call call = script.call(request -> request.arg(1).arg("counted"));
            assertThat(join(commands.run(call)).toLong()).isEqualTo(1);

            join(commands.send(Request.cmd(Command.SCRIPT).arg("FLUSH")));

            assertThat(join(commands.run(call)).toLong()).as("NOSCRIPT, then the text: run once").isEqualTo(2);
            assertThat(join(commands.run(call)).toLong()).isEqualTo(3);
        }
    }

    @Test
    void aRestartFailsEveryStreamsPublishInFlightWithBrokerUnavailable() throws Exception {
        try (CapturedLog subscriberLog = CapturedLog.of(RedisChannelSubscriber.class);
             CapturedLog feedLog = CapturedLog.of("dev.herald.redis.streams.LiveFeed")) {
            Broker broker = StreamsBroker.connect(vertx, redis.url(), 1000).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            try {
                publishInFlightThenRestart(broker);
            } finally {
                broker.close();
            }
            // the outage, the restoration and the catch-up, each told once: not this test's subject
            subscriberLog.drainMessages();
            feedLog.drainMessages();
        }
    }

    @Test
    void aRestartFailsEveryPubSubPublishInFlightWithBrokerUnavailable() throws Exception {
        try (CapturedLog subscriberLog = CapturedLog.of(RedisChannelSubscriber.class);
             CapturedLog relayLog = CapturedLog.of(RelayedBroker.class)) {
            Broker broker = RelayedBroker.start(new PubSubRelay(vertx, redis.url()), HistoryPolicy.defaults())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            try {
                publishInFlightThenRestart(broker);
            } finally {
                broker.close();
            }
            subscriberLog.drainMessages();
            relayLog.drainMessages();
        }
    }

    /** Publishes {@link #IN_FLIGHT} events on a paused Redis, stops it: each fails; once it is back, publishing works. */
    private void publishInFlightThenRestart(Broker broker) throws Exception {
        assertThat(join(broker.publish(event("before")))).isNotNull();
        pauseRedis();
        List<CompletableFuture<StoredEvent>> inFlight = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            inFlight.add(broker.publish(event(Integer.toString(i))).toCompletableFuture());
        }

        redis.stop();

        assertEachFailed(inFlight, BrokerUnavailableException.class);
        redis.startAgain();
        Awaitility.await().atMost(WAIT).ignoreExceptions()
                .until(() -> join(broker.publish(event("after the outage"))) != null);
    }

    /** Pauses every client of Redis for longer than the tests wait, over a connection of its own. */
    private void pauseRedis() throws Exception {
        try (RedisCommands pauser = new RedisCommands(vertx, RedisClients.options(redis.url()))) {
            assertThat(join(pauser.send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(60_000).arg("ALL"))).toString())
                    .isEqualTo("OK");
        }
    }

    private static <T> void assertEachFailed(List<CompletableFuture<T>> inFlight, Class<? extends Throwable> failure) {
        CompletableFuture<Void> all = CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new));
        Awaitility.await().atMost(WAIT).until(all::isDone);
        for (CompletableFuture<T> request : inFlight) {
            assertThat(request).isCompletedExceptionally();
            Throwable error = request.handle((value, thrown) -> thrown).join();
            assertThat(error instanceof CompletionException ? error.getCause() : error).isInstanceOf(failure);
        }
    }

    private static AdmittedEvent event(String data) {
        return new AdmittedEvent("news", SseEvent.of("t", data));
    }

    private static <T> T join(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
