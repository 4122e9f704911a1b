package dev.herald.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.InvalidChannelException;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.metrics.HeraldCounters;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PublisherTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(200);

    /** A record as a publisher would send it; public so that Jackson reads its components. */
    public record Price(String symbol, long cents) {
    }

    private MemoryBroker broker;
    private Publisher publisher;
    private final HeraldCounters counters = new HeraldCounters();
    private final BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        broker = new MemoryBroker(HistoryPolicy.defaults());
        publisher = new Publisher(broker, new ObjectMapper(), counters);
        for (String channel : List.of("sse", "prices", "c".repeat(200))) {
            broker.subscribe(channel, received::add);
        }
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable failureOf(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the stage completed normally but was expected to fail");
    }

    private StoredEvent nextReceived() {
        try {
            StoredEvent event = received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within " + PATIENCE).isNotNull();
            return event;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void assertNothingReachedTheBroker() {
        try {
            assertThat(received.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("nothing published").isNull();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBatchIsPublishedInOrderEachCounted() {
        PublishedBatch batch = await(publisher.publishAll(List.of(Publication.of("t", "one"),
                Publication.of("t", "two").onChannel("prices"), Publication.of("t", "three"))));
        assertThat(batch.complete()).isTrue();
        assertThat(batch.ids()).hasSize(3);
        for (String data : List.of("one", "two", "three")) {
            StoredEvent stored = nextReceived();
            assertThat(stored.event().data()).isEqualTo(data);
            assertThat(stored.event().id()).isEqualTo(batch.ids().get(List.of("one", "two", "three").indexOf(data)));
        }
        assertThat(counters.eventsPublished()).isEqualTo(3);
    }

    @Test
    void aBatchWithOneItemTheDoorRefusesPublishesNothingAndNamesTheItem() {
        Throwable refused = failureOf(publisher.publishAll(List.of(Publication.of("t", "fine"),
                Publication.of("t", "bad").withId(""))));
        assertThat(refused).isInstanceOf(InvalidBatchItemException.class).hasMessageStartingWith("[1].id must not be empty");
        assertThat(((InvalidBatchItemException) refused).index()).isEqualTo(1);
        assertNothingReachedTheBroker();
        assertThat(counters.eventsPublished()).isZero();
    }

    @Test
    void aBatchTheBrokerFailsStopsThereAndSaysSo() {
        broker.close();
        PublishedBatch batch = await(publisher.publishAll(List.of(Publication.of("t", "one"), Publication.of("t", "two"))));
        assertThat(batch.complete()).isFalse();
        assertThat(batch.ids()).isEmpty();
        assertThat(batch.failure()).isInstanceOf(IllegalStateException.class).hasMessage("the broker is closed");
    }

    @Test
    void aReservedChannelIsRefusedAndReachesNobody() {
        broker.subscribe("$herald.status", received::add);
        Throwable refused = failureOf(publisher.publish(Publication.of("node", "{}").onChannel("$herald.status")));
        assertThat(refused).isInstanceOf(InvalidChannelException.class).hasMessage("channel $herald.status is reserved: "
                + "names beginning with $ are Herald's own (its console's status), not for publishing or subscribing");
        assertThat(received).isEmpty();
        assertThat(counters.eventsPublished()).isZero();
    }

    @Test
    void anAnnouncementOnAReservedChannelGoesThroughTheBrokerUncounted() {
        broker.subscribe("$herald.status", received::add);
        String id = await(publisher.announce("$herald.status", new SseEvent(null, "node", "{}", null)));
        StoredEvent stored = nextReceived();
        assertThat(stored.event().id()).isEqualTo(id);
        assertThat(stored.event().type()).isEqualTo("node");
        assertThat(counters.eventsPublished()).as("not the application's publish").isZero();
        assertThatThrownBy(() -> publisher.announce("sse", new SseEvent(null, "node", "{}", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringDataIsSentAsItIs() {
        await(publisher.publish(new Publication("prices", "quote", "{\"not\": \"re-encoded\"}\nline two", null, null)));

        assertThat(nextReceived().event()).extracting(SseEvent::data).isEqualTo("{\"not\": \"re-encoded\"}\nline two");
    }

    @Test
    void mapDataIsSerialisedToJson() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", "hello");
        data.put("count", 3);

        await(publisher.publish(new Publication("prices", null, data, null, null)));

        assertThat(nextReceived().event().data()).isEqualTo("{\"message\":\"hello\",\"count\":3}");
    }

    @Test
    void recordDataIsSerialisedToJson() {
        await(publisher.publish(new Publication("prices", "quote", new Price("HRLD", 1250), null, null)));

        assertThat(nextReceived().event().data()).isEqualTo("{\"symbol\":\"HRLD\",\"cents\":1250}");
    }

    @Test
    void typeIdAndRetryAreCarriedToTheBroker() {
        await(publisher.publish(Publication.of("quote", "1").onChannel("prices").withId("q-1")
                .withRetry(Duration.ofSeconds(2))));

        StoredEvent stored = nextReceived();
        assertThat(stored.channel()).isEqualTo("prices");
        assertThat(stored.event()).isEqualTo(new SseEvent("q-1", "quote", "1", 2000L));
    }

    @Test
    void shortFormPublishesJsonOnTheDefaultChannel() {
        await(publisher.publish(Map.of("message", "hi"), "greeting"));

        StoredEvent stored = nextReceived();
        assertThat(stored.channel()).isEqualTo("sse");
        assertThat(stored.event().type()).isEqualTo("greeting");
        assertThat(stored.event().data()).isEqualTo("{\"message\":\"hi\"}");
    }

    static List<String> invalidChannels() {
        return List.of("", "c".repeat(201), "bell\u0007", "new\nline", "tab\there", "del\u007F", "c1\u0085");
    }

    @ParameterizedTest
    @MethodSource("invalidChannels")
    void invalidChannelFailsTheStage(String channel) {
        Throwable failure = failureOf(publisher.publish(Publication.of("t", "x").onChannel(channel)));

        assertThat(failure).isInstanceOf(InvalidChannelException.class);
        assertNothingReachedTheBroker();
        assertThat(counters.eventsPublished()).isZero();
    }

    @Test
    void nullChannelFailsTheStage() {
        assertThat(failureOf(publisher.publish(new Publication(null, "t", "x", null, null))))
                .isInstanceOf(InvalidChannelException.class);
    }

    @Test
    void channelOfTheMaximumLengthIsAccepted() {
        String longest = "c".repeat(200);

        await(publisher.publish(Publication.of("t", "x").onChannel(longest)));

        assertThat(nextReceived().channel()).isEqualTo(longest);
    }

    @Test
    void typeWithNewlineFailsTheStage() {
        Throwable failure = failureOf(publisher.publish(Publication.of("quote\ndata: injected", "x")));

        assertThat(failure).isInstanceOf(InvalidEventException.class);
        assertNothingReachedTheBroker();
    }

    @Test
    void idWithNewlineFailsTheStage() {
        assertThat(failureOf(publisher.publish(Publication.of("t", "x").withId("1\r\n"))))
                .isInstanceOf(InvalidEventException.class);
        assertNothingReachedTheBroker();
    }

    @Test
    void nullDataFailsTheStage() {
        assertThat(failureOf(publisher.publish(Publication.of("t", null)))).isInstanceOf(InvalidEventException.class);
        assertNothingReachedTheBroker();
    }

    @Test
    void dataThatCannotBeSerialisedFailsTheStage() {
        assertThat(failureOf(publisher.publish(Publication.of("t", new Object()))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("java.lang.Object");
        assertNothingReachedTheBroker();
    }

    @Test
    void idOfHeraldsOwnFormIsRefusedByTheBroker() {
        assertThat(failureOf(publisher.publish(Publication.of("t", "x").withId("17-4"))))
                .isInstanceOf(InvalidEventException.class);
        assertNothingReachedTheBroker();
        assertThat(counters.eventsPublished()).isZero();
    }

    @Test
    void returnedIdIsTheStoredEventsAssignedId() {
        String id = await(publisher.publish(Publication.of("t", "x")));

        assertThat(id).isNotBlank().isEqualTo(nextReceived().event().id());
    }

    @Test
    void returnedIdIsThePublishersOwnIdWhenGiven() {
        String id = await(publisher.publish(Publication.of("t", "x").withId("order-5")));

        assertThat(id).isEqualTo("order-5").isEqualTo(nextReceived().event().id());
    }

    @Test
    void publishedCountsOnlyTheEventsTheBrokerAccepted() {
        await(publisher.publish(Publication.of("t", "1")));
        await(publisher.publish(Publication.of("t", "2").onChannel("prices")));
        failureOf(publisher.publish(Publication.of("t", "3").onChannel("")));
        failureOf(publisher.publish(Publication.of("t\n", "4")));

        assertThat(counters.eventsPublished()).isEqualTo(2);
    }

    @Test
    void publishingOnAClosedBrokerFailsAndIsNotCounted() {
        broker.close();

        assertThat(failureOf(publisher.publish(Publication.of("t", "x")))).isInstanceOf(IllegalStateException.class);
        assertThat(counters.eventsPublished()).isZero();
    }
}
