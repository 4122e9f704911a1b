package dev.herald.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.access.Grants;
import dev.herald.access.RequestCredentials;
import dev.herald.access.StreamPass;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.hub.SseSink;
import dev.herald.limits.Limits;
import dev.herald.limits.LimitsOptions;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.publish.Publisher;
import dev.herald.request.SseRoutesOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The serving core's steps and outcomes, in process: a real hub on the memory broker, a sink on a thread of its own,
 * request parts written by hand. What the adapters render of these is proven over HTTP by the testkit's contracts.
 */
class ServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 10;

    private final MemoryBroker broker = new MemoryBroker(HistoryPolicy.defaults());
    private final Hub hub = new Hub(broker, new HubOptions(Duration.ofMinutes(1), Duration.ofSeconds(3)));
    private final ExecutorService loop = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void close() {
        hub.close();
        broker.close();
        loop.shutdownNow();
        timers.shutdownNow();
    }

    private Services services(AccessControl access, Limits limits) {
        return Services.of(hub, new Publisher(broker), access, limits, SseRoutesOptions.defaults(), timers);
    }

    private static Limits limits(int maxStreams, int perClient, int publishRate) {
        return new Limits(LimitsOptions.builder().maxStreams(maxStreams).maxStreamsPerClient(perClient).publishRate(publishRate)
                .build(), System::nanoTime, HeraldMetrics.NONE);
    }

    @Test
    void aMalformedQueryIsA400AndTakesNoPlace() {
        Limits limits = limits(10, 10, 100);
        StreamOutcome outcome = services(AccessControl.OPEN, limits).streams().open(new Request("channel=%zz"), this::noSink);
        assertThat(outcome).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.message()).startsWith("the query string is not valid percent-encoding");
        });
        assertThat(limits.streamsOpen()).isZero();
    }

    @Test
    void anAccessRefusalKeepsItsChallengeAndTakesNoPlace() {
        Limits limits = limits(10, 10, 100);
        StreamOutcome outcome = services(new Refusing(), limits).streams().open(new Request("channel=secret"), this::noSink);
        assertThat(outcome).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"test\"");
        });
        assertThat(limits.streamsOpen()).isZero();
    }

    @Test
    void anAddressOverItsCapIsA429WithRetryAfterAndTheNodeOverItsCapIsShed() throws Exception {
        Limits limits = limits(2, 1, 100);
        Services services = services(AccessControl.OPEN, limits);
        Sink first = new Sink(loop);
        StreamOutcome opened = services.streams().open(new Request("channel=a"), () -> first);
        assertThat(opened).isInstanceOf(StreamOutcome.Opened.class);
        assertThat(first.frames.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("retry: 3000\n\n");

        StreamOutcome overAddress = services.streams().open(new Request("channel=a"), this::noSink);
        assertThat(overAddress).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.headers()).containsEntry("Retry-After", "10");
        });

        Request other = new Request("channel=a");
        other.address = "10.0.0.2";
        assertThat(services.streams().open(other, () -> new Sink(loop))).isInstanceOf(StreamOutcome.Opened.class);
        Request third = new Request("channel=a");
        third.address = "10.0.0.3";
        StreamOutcome shed = services.streams().open(third, this::noSink);
        assertThat(shed).isInstanceOfSatisfying(StreamOutcome.Shed.class, s -> {
            String frame = new String(s.frame(), StandardCharsets.UTF_8);
            assertThat(frame).matches("retry: \\d+\n\n");
            assertThat(Long.parseLong(frame.substring(7, frame.length() - 2))).isBetween(5_000L, 15_000L);
        });
        PollOutcome pollOverNode = services.polls().poll(third, () -> {
            throw new AssertionError("a refused poll starts no response");
        });
        assertThat(pollOverNode).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers()).containsKey("Retry-After");
        });
    }

    @Test
    void aLeaseGivesItsPlaceBackOnceHoweverOftenItEnds() throws Exception {
        Limits limits = limits(10, 10, 100);
        Sink sink = new Sink(loop);
        StreamOutcome outcome = services(AccessControl.OPEN, limits).streams().open(new Request("channel=a"), () -> sink);
        StreamLease lease = ((StreamOutcome.Opened) outcome).lease();
        assertThat(sink.frames.poll(WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("retry:");
        assertThat(limits.streamsOpen()).isEqualTo(1);

        lease.end();
        lease.end();
        new Thread(lease::end).start();
        assertThat(limits.streamsOpen()).isZero();
        assertThat(limits.addressesKnown()).isZero();
        CountDownLatch left = new CountDownLatch(1);
        loop.execute(left::countDown); // after the lease's leave, on the sink's thread
        assertThat(left.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(hub.stats().connections()).isZero();
    }

    @Test
    void aLeaseEndedBeforeItsSinksThreadRanNeverJoinsTheHub() throws Exception {
        Limits limits = limits(10, 10, 100);
        CountDownLatch hold = new CountDownLatch(1);
        loop.execute(() -> await(hold)); // the sink's thread is busy: the subscription waits behind this
        Sink sink = new Sink(loop);
        StreamLease lease = ((StreamOutcome.Opened) services(AccessControl.OPEN, limits).streams()
                .open(new Request("channel=a"), () -> sink)).lease();
        lease.end();
        hold.countDown();
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(done::countDown);
        assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.frames).isEmpty();
        assertThat(hub.stats().connections()).isZero();
        assertThat(limits.streamsOpen()).isZero();
    }

    @Test
    void aPrivateStreamEndsWithTokenExpiredWhenItsTokenDoes() throws Exception {
        Limits limits = limits(10, 10, 100);
        AccessControl expiringSoon = new Refusing() {
            @Override
            public StreamPass admitStream(Set<String> channels, Supplier<RequestCredentials> request) {
                return new StreamPass(Set.of("secret"), Instant.now().plusMillis(50));
            }
        };
        Sink sink = new Sink(loop);
        services(expiringSoon, limits).streams().open(new Request("channel=secret"), () -> sink);
        assertThat(sink.frames.poll(WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("retry:");
        String frame;
        do {
            frame = sink.frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        } while (frame != null && !frame.startsWith("event: token-expired"));
        assertThat(frame).isEqualTo("event: token-expired\ndata: {\"channels\":[\"secret\"]}\n\n");
        assertThat(sink.closed.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aClientThatLeftIsNeitherAnsweredNorCounted() {
        Limits limits = limits(10, 10, 100);
        Request gone = new Request("channel=a");
        gone.gone = true;
        assertThat(services(AccessControl.OPEN, limits).streams().open(gone, this::noSink)).isInstanceOf(ClientGone.class);
        assertThat(limits.streamsOpen()).isZero();
    }

    @Test
    void aShortPollAnswersTheHeadAsItsCursorAndGivesItsLeaveOfTheHub() throws Exception {
        Limits limits = limits(10, 10, 100);
        BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
        PollOutcome outcome = services(AccessControl.OPEN, limits).polls().poll(new Request("channel=p"),
                () -> new PollResponse() {
                    @Override
                    public Executor executor() {
                        return loop;
                    }

                    @Override
                    public void answer(byte[] json) {
                        answers.add(json);
                    }
                });
        assertThat(outcome).isInstanceOf(PollOutcome.Polling.class);
        JsonNode answer = JSON.readTree(answers.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(answer.get("events").size()).isZero();
        assertThat(answer.get("next").isTextual()).isTrue();
        assertThat(answer.get("historyGone").asBoolean()).isFalse();
        ((PollOutcome.Polling) outcome).lease().end();
        assertThat(limits.streamsOpen()).isZero();
    }

    @Test
    void publishGoesThroughItsStepsInOrder() throws Exception {
        Services services = services(AccessControl.OPEN, limits(10, 10, 1));
        Request json = new Request("");
        json.headers.put("Content-Type", "application/json");
        assertThat(services.publishing().admit(json)).isNull();

        Request text = new Request("");
        text.headers.put("Content-Type", "text/plain");
        assertThat(outcome(services.publishing(), text, "{}")).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.status()).isEqualTo(415));
        assertThat(outcome(services.publishing(), json, "[1]")).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.status()).isEqualTo(400));
        PublishOutcome published = outcome(services.publishing(), json, "{\"channel\":\"a\",\"type\":\"t\",\"data\":\"d\"}");
        assertThat(published).isInstanceOfSatisfying(PublishOutcome.Published.class, done -> {
            assertThat(done.body()).containsEntry("status", "success").containsKey("id");
            assertThat(new String(done.json(), StandardCharsets.UTF_8)).startsWith("{\"status\":\"success\",\"id\":");
        });

        services.publishing().admit(json); // the burst of 2 is spent
        Refused overRate = services.publishing().admit(json);
        assertThat(overRate).isNotNull();
        assertThat(overRate.status()).isEqualTo(429);
        assertThat(overRate.headers()).containsKey("Retry-After");
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsCountedAndAnUnreadableHeaderIsA400() {
        Limits limits = new Limits(LimitsOptions.builder().publishRate(1).publishBurst(1).trustedProxies("10.0.0.1")
                .build(), System::nanoTime, HeraldMetrics.NONE);
        Services services = services(AccessControl.OPEN, limits);
        Request first = new Request("");
        first.headers.put("X-Forwarded-For", "198.51.100.1");
        assertThat(services.publishing().admit(first)).isNull();
        assertThat(services.publishing().admit(first)).as("198.51.100.1's budget is spent").isNotNull()
                .extracting(Refused::status).isEqualTo(429);
        Request second = new Request("");
        second.headers.put("Forwarded", "for=198.51.100.2");
        assertThat(services.publishing().admit(second)).as("another client of the same proxy").isNull();

        Request bad = new Request("channel=a");
        bad.headers.put("X-Forwarded-For", "198.51.100.1, proxy.internal");
        assertThat(services.publishing().admit(bad)).isNotNull().satisfies(refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.message()).isEqualTo("the X-Forwarded-For header cannot be read: \"proxy.internal\" is "
                    + "not a client address; expected an IP address");
        });
        assertThat(services.streams().open(bad, this::noSink)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.status()).isEqualTo(400));
        assertThat(limits.streamsOpen()).isZero();

        Request untrusted = new Request("");
        untrusted.address = "10.0.0.2";
        untrusted.headers.put("X-Forwarded-For", "not read");
        assertThat(services.publishing().admit(untrusted)).as("an untrusted peer's header is not read").isNull();
    }

    @Test
    void aPublisherWithAValidTokenIsCountedByItsSubject() {
        Limits limits = limits(10, 10, 1);
        AccessControl subjects = new Refusing() {
            @Override
            public String publisherSubject(Supplier<RequestCredentials> request) {
                return request.get().authorization() == null ? null : "backend";
            }
        };
        Services services = services(subjects, limits);
        Request withToken = new Request("");
        withToken.headers.put("Authorization", "Bearer t");
        for (int i = 0; i < 100; i++) {
            assertThat(services.publishing().admit(withToken)).as("publish %d", i).isNull();
        }
        Request without = new Request("");
        assertThat(services.publishing().admit(without)).isNull();
        assertThat(services.publishing().admit(without)).isNull();
        assertThat(services.publishing().admit(without)).as("its address's burst of 2 is spent").isNotNull();
    }

    @Test
    void aRefusalIsOneJsonShapeForEveryAdapter() throws IOException {
        Refused refused = Refused.methodNotAllowed("PUT", "GET");
        assertThat(refused.headers()).containsEntry("Allow", "GET");
        JsonNode body = JSON.readTree(refused.json());
        assertThat(body.fieldNames()).toIterable().containsExactly("status", "message");
        assertThat(body.get("message").asText()).isEqualTo("Method PUT is not allowed here; use GET");
        assertThat(Refused.bodyTooLarge(10).message()).isEqualTo("Request body is larger than the limit of 10 bytes");
    }

    private static PublishOutcome outcome(PublishService publishing, Request request, String body) throws Exception {
        return publishing.publish(request, body.getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private SseSink noSink() {
        throw new AssertionError("a refused stream opens no response");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Request parts written by hand. */
    private static final class Request implements ServerRequest {
        final Map<String, String> headers = new HashMap<>();
        final String query;
        String address = "10.0.0.1";
        boolean gone;

        Request(String query) {
            this.query = query;
        }

        @Override
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        public String rawQuery() {
            return query;
        }

        @Override
        public List<String> cookies(String name) {
            return List.of();
        }

        @Override
        public String peerAddress() {
            return address;
        }

        @Override
        public String scheme() {
            return "http";
        }

        @Override
        public String host() {
            return "localhost";
        }

        @Override
        public boolean clientGone() {
            return gone;
        }
    }

    /** Refuses every stream with a 401 and its challenge; lets every publisher through. */
    private static class Refusing implements AccessControl {
        @Override
        public Grants admitPublisher(Supplier<RequestCredentials> request) {
            return Grants.ALL;
        }

        @Override
        public void authorizePublish(Grants grants, String channel) {
        }

        @Override
        public StreamPass admitStream(Set<String> channels, Supplier<RequestCredentials> request) {
            throw new AccessRefusedException(401, "a token is required", "Bearer realm=\"test\"");
        }

        @Override
        public boolean allowsQueryToken() {
            return false;
        }

        @Override
        public void admitMetricsReader(Supplier<RequestCredentials> request) {
        }
    }

    /** A sink on one thread that records each frame it is offered. */
    private static final class Sink implements SseSink {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);
        private final Executor executor;

        Sink(Executor executor) {
            this.executor = executor;
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public boolean offer(byte[] frame) {
            frames.add(new String(frame, StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            closed.countDown();
        }

        @Override
        public void abort() {
            closed.countDown();
        }
    }
}
