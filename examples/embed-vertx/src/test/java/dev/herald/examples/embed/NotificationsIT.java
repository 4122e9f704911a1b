package dev.herald.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import dev.herald.vertx.Herald;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedding example of docs/vertx.md, run over real HTTP on loopback: its routes answer under /events, its publishes arrive. */
class NotificationsIT {

    private Vertx vertx;
    private Herald herald;
    private URI base;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        Router app = Router.router(vertx);
        herald = Notifications.embed(vertx, app);
        HttpServer server = vertx.createHttpServer().requestHandler(app).listen(0, "127.0.0.1").await();
        base = URI.create("http://127.0.0.1:" + server.actualPort() + "/events/");
    }

    @AfterEach
    void stop() {
        herald.close().toCompletableFuture().join();
        vertx.close().await();
    }

    @Test
    void whatTheExamplePublishesReachesTheStreamsMountedUnderItsPrefix() {
        try (SseTestClient seed = SseTestClient.connect(base.resolve("stream"));
             SseTestClient jobs = SseTestClient.connect(base.resolve("stream?channel=jobs"))) {
            Notifications.publish(herald);

            ParsedEvent notify = seed.next();
            assertThat(notify.type()).isEqualTo("notify");
            assertThat(notify.data()).isEqualTo("{\"message\":\"Hello\"}");
            ParsedEvent progress = jobs.next();
            assertThat(progress.type()).isEqualTo("progress");
            assertThat(progress.data()).isEqualTo("{\"percent\":40}");
            assertThat(progress.lastEventId()).isEqualTo("job-7-40");
            assertThat(jobs.nextRetry()).as("the opening retry").isEqualTo(3000);
            assertThat(jobs.nextRetry()).as("the event's own").isEqualTo(5000);
            seed.assertNoMoreEvents(Duration.ofMillis(200));
            jobs.assertNoMoreEvents(Duration.ofMillis(200));
        }
    }

    @Test
    void thePublishRouteAnswersUnderThePrefixToo() {
        try (SseTestClient seed = SseTestClient.connect(base.resolve("stream"))) {
            assertThat(TestHttp.post(base.resolve("publish"), "{\"type\":\"notify\",\"data\":\"over HTTP\"}").statusCode())
                    .isEqualTo(200);

            assertThat(seed.next().data()).isEqualTo("over HTTP");
            assertThat(herald.stats().eventsPublished()).isEqualTo(1);
            assertThat(herald.stats().streamsOpen()).isEqualTo(1);
        }
    }

    @Test
    void theShippedEventReachesBothChannelsOnceWithOneIdAndARetryPublishesNothing() {
        try (SseTestClient both = SseTestClient.connect(base.resolve("stream?channel=orders&channel=customer-ada"))) {
            both.nextRetry();
            String id = OrderShipped.publish(herald, 42, "ada").toCompletableFuture().join();
            String retried = OrderShipped.publish(herald, 42, "ada").toCompletableFuture().join();

            ParsedEvent shipped = both.next();
            assertThat(shipped.type()).isEqualTo("shipped");
            assertThat(shipped.data()).isEqualTo("{\"order\":42}");
            assertThat(shipped.lastEventId()).isEqualTo(id).isEqualTo(retried);
            both.assertNoMoreEvents(Duration.ofMillis(300));
        }
    }
}
