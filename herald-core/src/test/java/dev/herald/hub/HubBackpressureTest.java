package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.metrics.HeraldCounters;
import dev.herald.metrics.Refusal;
import dev.herald.publish.BacklogFullException;
import dev.herald.publish.Backpressure;
import dev.herald.publish.Publication;
import dev.herald.publish.Publisher;
import dev.herald.serve.PublishOutcome;
import dev.herald.serve.PublishService;
import dev.herald.serve.Refused;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's backlog and the publishers it slows, with a loop whose turns of I/O the test runs: two slices of
 * subscribers on one loop, so that each event leaves one slice's writes owed until the loop's next turn.
 */
class HubBackpressureTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final String RETRY_FRAME = "retry: 2500\n\n";
    /** Two flush slices of subscribers: an event's pass flushes one, the other waits for the next turn. */
    private static final int CLIENTS = 2 * LoopShard.FLUSH_SLICE;
    /**
     * The backlog once two events were published: the first's second slice owed, the second in the inbox (the loop
     * takes it at its next turn) at its channel's streams.
     */
    private static final int TWO_EVENTS = CLIENTS - LoopShard.FLUSH_SLICE + CLIENTS;

    private final MemoryBroker memory = new MemoryBroker(new HistoryPolicy(1000, Duration.ofHours(1)));
    private final Hub hub = new Hub(memory, new HubOptions(Duration.ofHours(1), Duration.ofMillis(2500)));
    private final HeraldCounters counters = new HeraldCounters();
    private final Loop loop = new Loop("loop");
    private final List<FakeSink> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        hub.closeStreams().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        loop.close();
        memory.close();
        for (FakeSink sink : clients) {
            assertThat(sink.misuse()).as("the hub keeps the sink rules").isEmpty();
        }
    }

    private void openClients(int count, long byteLimit) {
        for (int i = 0; i < count; i++) {
            FakeSink sink = new FakeSink(loop, byteLimit);
            clients.add(sink);
            loop.call(() -> hub.subscribe(Set.of("a"), null, sink));
            assertThat(sink.nextFrame()).isEqualTo(RETRY_FRAME);
            sink.nextFrame(); // the resume point
        }
    }

    private Publisher publisher(Backpressure backpressure) {
        hub.backlog().onPass(backpressure::release);
        return new Publisher(memory, new ObjectMapper(), counters, backpressure);
    }

    private void awaitBacklog(long writes) {
        Awaitility.await().atMost(PATIENCE).until(hub.backlog()::writes, backlog -> backlog == writes);
    }

    private void turnsUntilWritten() {
        while (loop.turn() > 0) {
            // each turn flushes one slice more
        }
    }

    private List<String> history() throws Exception {
        List<String> data = new ArrayList<>();
        memory.latest(Set.of("a"), 100).toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
                .events().forEach(stored -> data.add(stored.event().data()));
        return data;
    }

    @Test
    void theBacklogIsTheWritesALoopOwesAndFallsAsItsSlicesAreFlushed() {
        loop.holdTurns();
        openClients(CLIENTS, FakeSink.UNLIMITED);
        Publisher publisher = publisher(Backpressure.OFF);

        publisher.publish(Publication.of("e", "1").onChannel("a"));
        awaitBacklog(CLIENTS - LoopShard.FLUSH_SLICE);
        publisher.publish(Publication.of("e", "2").onChannel("a"));
        awaitBacklog(TWO_EVENTS);
        loop.turn(); // takes the second event, flushes the slice that owed both: the other owes the second
        awaitBacklog(LoopShard.FLUSH_SLICE);

        turnsUntilWritten();
        awaitBacklog(0);
    }

    @Test
    void aPublisherOutrunningDeliveryWaitsForRoomAndNothingAcceptedIsLost() throws Exception {
        loop.holdTurns();
        openClients(CLIENTS, FakeSink.UNLIMITED);
        Publisher publisher = publisher(new Backpressure(TWO_EVENTS, PATIENCE, hub.backlog()::writes, counters));

        assertThat(publisher.publish(Publication.of("e", "1").onChannel("a")).toCompletableFuture()).isDone();
        awaitBacklog(CLIENTS - LoopShard.FLUSH_SLICE);
        assertThat(publisher.publish(Publication.of("e", "2").onChannel("a")).toCompletableFuture()).isDone();
        awaitBacklog(TWO_EVENTS); // at the mark: the next one waits

        CompletableFuture<String> third = publisher.publish(Publication.of("e", "3").onChannel("a")).toCompletableFuture();
        assertThat(third).isNotDone();
        assertThat(history()).as("not published while it waits").containsExactly("1", "2");
        assertThat(counters.publishesSlowed()).isEqualTo(1);

        loop.turn(); // one slice more written: room for it
        third.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        turnsUntilWritten();

        for (FakeSink client : clients) {
            assertThat(client.nextFrames(3)).extracting(frame -> frame.substring(frame.indexOf("data: ")))
                    .containsExactly("data: 1\n\n", "data: 2\n\n", "data: 3\n\n");
        }
        assertThat(counters.refusals(Refusal.PUBLISH_BACKLOG)).isZero();
    }

    @Test
    void aPublishThatWaitsPastTheBoundIsA503WithRetryAfterAndPublishesNothing() throws Exception {
        loop.holdTurns();
        openClients(CLIENTS, FakeSink.UNLIMITED);
        Publisher publisher = publisher(new Backpressure(TWO_EVENTS, Duration.ofMillis(200), hub.backlog()::writes, counters));
        publisher.publish(Publication.of("e", "1").onChannel("a"));
        awaitBacklog(CLIENTS - LoopShard.FLUSH_SLICE);
        publisher.publish(Publication.of("e", "2").onChannel("a"));
        awaitBacklog(TWO_EVENTS);

        CompletableFuture<PublishOutcome> refused = publisher.publish(Publication.of("e", "3").onChannel("a"))
                .handle(PublishService::outcome).toCompletableFuture();

        PublishOutcome outcome = refused.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(outcome).isInstanceOfSatisfying(Refused.class, answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.headers()).isEqualTo(Map.of("Retry-After", "1"));
            assertThat(answer.message()).contains("was not published");
        });
        assertThat(counters.refusals(Refusal.PUBLISH_BACKLOG)).isEqualTo(1);
        assertThat(history()).containsExactly("1", "2");

        turnsUntilWritten();
        for (FakeSink client : clients) {
            assertThat(client.nextFrames(2)).extracting(frame -> frame.substring(frame.indexOf("data: ")))
                    .containsExactly("data: 1\n\n", "data: 2\n\n");
        }
        clients.get(0).assertNoMoreFrames(); // one quiet wait; then nothing more anywhere
        assertThat(clients).allSatisfy(client -> assertThat(client.queuedFrames()).isEmpty());
    }

    @Test
    void aSlowSubscriberIsDroppedAndSlowsNoPublisher() throws Exception {
        openClients(1, FakeSink.UNLIMITED);
        openClients(1, 200); // room for its opening and an event or two, then it is dropped
        Publisher publisher = publisher(new Backpressure(1, PATIENCE, hub.backlog()::writes, counters));

        List<CompletableFuture<String>> published = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            published.add(publisher.publish(Publication.of("e", "event " + i).onChannel("a")).toCompletableFuture());
        }
        CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(clients.get(0).nextFrames(50)).hasSize(50);
        Awaitility.await().atMost(PATIENCE).until(() -> clients.get(1).aborted());
        awaitBacklog(0);
        assertThat(counters.refusals(Refusal.PUBLISH_BACKLOG)).isZero();
    }

    @Test
    void aRefusedPublishFailsWithBacklogFull() {
        loop.holdTurns();
        openClients(CLIENTS, FakeSink.UNLIMITED);
        Publisher publisher = publisher(new Backpressure(1, Duration.ofMillis(50), hub.backlog()::writes, counters));
        publisher.publish(Publication.of("e", "1").onChannel("a"));
        awaitBacklog(CLIENTS - LoopShard.FLUSH_SLICE);

        assertThatThrownBy(() -> publisher.publish(Publication.of("e", "2").onChannel("a")).toCompletableFuture()
                .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(BacklogFullException.class);
        turnsUntilWritten();
    }
}
