package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.InvalidChannelException;
import dev.herald.publish.Publication;
import dev.herald.publish.PublishReceipt;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Herald#publish(Publication)} with several channels and an idempotency key: the same door and answer as
 * {@code POST publish}, and a key given through the Java API is the application's, apart from HTTP publishers' keys.
 */
class KeyedPublishIT {

    private static MountedHerald app;

    @BeforeAll
    static void start() throws Exception {
        app = MountedHerald.start(Herald.builder());
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void oneEventOnSeveralChannelsWithAKeyIsPublishedOnce() {
        try (SseTestClient both = SseTestClient.connect(app.events("/stream?channel=java-a&channel=java-b"))) {
            both.nextRetry();
            Publication publication = Publication.builder().channels("java-a", "java-b").type("order").data("7")
                    .idempotencyKey("order-7").build();

            PublishReceipt first = app.herald.submit(publication).toCompletableFuture().join();
            String repeat = app.herald.publish(publication).toCompletableFuture().join();

            ParsedEvent event = both.next();
            assertThat(event.lastEventId()).isEqualTo(first.id()).isEqualTo(repeat);
            assertThat(first.replayed()).isFalse();
            assertThat(app.herald.submit(publication).toCompletableFuture().join())
                    .isEqualTo(new PublishReceipt(first.id(), true));
            both.assertNoMoreEvents(Duration.ofMillis(300));
            // The same key over HTTP is another publisher's (the client address): it publishes.
            String overHttp = TestHttp.json(TestHttp.postJson(app.events("/publish"),
                    "{\"channels\":[\"java-a\",\"java-b\"],\"data\":\"7\"}", "Idempotency-Key", "order-7"))
                    .path("id").asText();
            assertThat(both.next().lastEventId()).isEqualTo(overHttp).isNotEqualTo(first.id());
        }
    }

    @Test
    void aRefusedListFailsTheStageNamingTheChannel() {
        Assertions.assertThatThrownBy(() -> app.herald.publish(Publication.builder()
                        .channels(List.of("java-a", "java-*")).data("x").build()).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(InvalidChannelException.class)
                .hasMessage("channels[1]: java-* is a pattern; an event is published on named channels");
    }
}
