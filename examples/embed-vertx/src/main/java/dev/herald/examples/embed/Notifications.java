package dev.herald.examples.embed;

import dev.herald.broker.BrokerFactory;
import dev.herald.publish.Publication;
import dev.herald.vertx.Herald;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Map;

public final class Notifications {

    /** Builds Herald on the application's Vert.x and mounts its routes under /events of the application's router. */
    public static Herald embed(Vertx vertx, Router app) {
        Herald herald = Herald.builder()
                .broker(BrokerFactory.memory()) // with herald-redis: new BrokerOptions.RedisStreams("redis://...", 1000)
                .build(vertx).await();
        app.route("/events/*").subRouter(herald.router()); // GET /events/stream, /events/poll, POST /events/publish
        return herald;
    }

    /** Publishes from Java, as flask-sse's sse.publish does. */
    public static void publish(Herald herald) {
        herald.publish(Map.of("message", "Hello"), "notify"); // sse.publish({"message": "Hello"}, type="notify")
        herald.publish(Publication.of("progress", Map.of("percent", 40)) // every field
                .onChannel("jobs").withId("job-7-40").withRetry(Duration.ofSeconds(5)));
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        Router app = Router.router(vertx);
        Herald herald = embed(vertx, app);
        vertx.createHttpServer().requestHandler(app).listen(8080, "127.0.0.1").await();
        publish(herald);
    }
}
