package dev.herald.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.InvalidChannelException;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.metrics.HeraldCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Java API's publish on several channels and with an idempotency key ({@link Publication#builder()}). */
class PublisherChannelsAndKeysTest {

    private final MemoryBroker broker = new MemoryBroker(HistoryPolicy.defaults());
    private final HeraldCounters counters = new HeraldCounters();
    private final MemoryIdempotencyStore store = new MemoryIdempotencyStore();
    private final Publisher publisher = new Publisher(broker, new ObjectMapper(), counters,
            new Idempotency(store, Duration.ofMinutes(5)));

    @AfterEach
    void stop() {
        broker.close();
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable failureOf(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the stage to fail");
    }

    @Test
    void oneEventOnSeveralChannelsHasOneIdInEachChannelsHistory() {
        BlockingQueue<StoredEvent> received = new LinkedBlockingQueue<>();
        broker.subscribe("a", received::add);
        broker.subscribe("b", received::add);

        String id = await(publisher.publish(Publication.builder().channels("a", "b", "c").type("t").data("x").build()));

        assertThat(received).extracting(event -> event.event().id()).containsExactly(id, id);
        for (String channel : List.of("a", "b", "c")) {
            assertThat(await(broker.latest(Set.of(channel), 5)).events()).extracting(e -> e.event().id())
                    .containsExactly(id);
        }
        Replay all = await(broker.latest(Set.of("a", "b", "c"), 5));
        assertThat(all.events()).hasSize(1);
        assertThat(counters.eventsPublished()).as("one event published").isEqualTo(1);
    }

    static List<Object[]> refusedLists() {
        return List.of(
                new Object[] {List.of(), "channels must name 1 to 100 channels, got 0"},
                new Object[] {IntStream.range(0, 101).mapToObj(i -> "c" + i).toList(), "got 101"},
                new Object[] {List.of("a", ""), "channels[1]: channel name must not be empty"},
                new Object[] {List.of("a", "orders.*"), "channels[1]: orders.* is a pattern"},
                new Object[] {List.of("a", "b", "a"), "channels[2]: a is named twice"},
                new Object[] {List.of("$herald.status", "a"), "channels[0]: channel $herald.status is reserved"});
    }

    @ParameterizedTest
    @MethodSource("refusedLists")
    void aRefusedListNamesTheChannelAndPublishesNothing(List<String> channels, String message) {
        Throwable refused = failureOf(publisher.publish(Publication.builder().channels(channels).data("x").build()));

        assertThat(refused).isInstanceOf(InvalidChannelException.class).hasMessageContaining(message);
        assertThat(counters.eventsPublished()).isZero();
    }

    @Test
    void aListOfOneIsAnEventOnThatChannel() {
        String id = await(publisher.publish(Publication.builder().channels(List.of("a")).data("x").build()));

        assertThat(await(broker.latest(Set.of("a"), 5)).events()).extracting(e -> e.event().id()).containsExactly(id);
    }

    @Test
    void aRepeatedKeyAnswersTheFirstIdAndPublishesNothing() {
        Publication keyed = Publication.builder().channels("a", "b").data("x").idempotencyKey("order-7").build();

        PublishReceipt first = await(publisher.submit(keyed));
        PublishReceipt repeat = await(publisher.submit(keyed));
        String repeatId = await(publisher.publish(keyed));

        assertThat(first.replayed()).isFalse();
        assertThat(repeat).isEqualTo(new PublishReceipt(first.id(), true));
        assertThat(repeatId).isEqualTo(first.id());
        assertThat(counters.eventsPublished()).isEqualTo(1);
    }

    @Test
    void theJavaApisKeysAreApartFromAnHttpPublishersKeys() {
        Publication keyed = Publication.builder().data("x").idempotencyKey("k").build();

        String mine = await(publisher.publish(keyed));
        String theirs = await(publisher.submit(keyed, "s5:alice")).id();

        assertThat(theirs).isNotEqualTo(mine);
    }

    @Test
    void aKeyOfTheWrongFormIsRefusedAtTheDoor() {
        Throwable refused = failureOf(publisher.publish(Publication.builder().data("x").idempotencyKey("a\tb").build()));

        assertThat(refused).isInstanceOf(InvalidIdempotencyKeyException.class)
                .hasMessage("idempotencyKey must be printable ASCII; character 1 is not");
    }

    @Test
    void aBatchItemsKeyIsAnsweredByItsFirstPublishAndTheOthersArePublished() {
        Publication keyed = Publication.builder().data("once").idempotencyKey("k1").build();
        String first = await(publisher.publish(keyed));

        PublishedBatch batch = await(publisher.publishAll(List.of(
                Publication.builder().data("new").build(), keyed,
                Publication.builder().channels("a", "b").data("both").idempotencyKey("k2").build())));

        assertThat(batch.complete()).isTrue();
        assertThat(batch.receipts()).extracting(PublishReceipt::replayed).containsExactly(false, true, false);
        assertThat(batch.ids().get(1)).isEqualTo(first);
        assertThat(counters.eventsPublished()).isEqualTo(3);
    }

    @Test
    void aBatchItemWhoseKeyIsInFlightStopsTheBatchThere() {
        await(store.claim(Publisher.APPLICATION_SCOPE + ":busy", Duration.ofMinutes(5)));
        List<Publication> items = new ArrayList<>();
        items.add(Publication.builder().data("first").build());
        items.add(Publication.builder().data("busy").idempotencyKey("busy").build());
        items.add(Publication.builder().data("after").build());

        PublishedBatch batch = await(publisher.publishAll(items));

        assertThat(batch.ids()).hasSize(1);
        assertThat(batch.failure()).isInstanceOf(PublishInFlightException.class);
        assertThat(counters.eventsPublished()).isEqualTo(1);
    }
}
