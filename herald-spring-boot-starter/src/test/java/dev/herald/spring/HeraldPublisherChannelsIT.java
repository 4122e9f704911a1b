package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.publish.Publication;
import dev.herald.publish.PublishReceipt;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** {@link HeraldPublisher} with several channels and an idempotency key, as {@code POST /publish} answers them. */
class HeraldPublisherChannelsIT {

    @Test
    void oneEventOnSeveralChannelsWithAKeyIsPublishedOnce() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class).run(
                "--server.address=127.0.0.1", "--server.port=0")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HeraldPublisher publisher = app.getBean(HeraldPublisher.class);
            try (SseTestClient both = SseTestClient.connect(
                    URI.create("http://127.0.0.1:" + port + "/stream?channel=news&channel=sport"))) {
                both.nextRetry();
                Publication publication = Publication.builder().channels("news", "sport").type("headline")
                        .data("Herald 0.4").idempotencyKey("headline-1").build();

                PublishReceipt first = publisher.submit(publication).toCompletableFuture().join();
                PublishReceipt repeat = publisher.submit(publication).toCompletableFuture().join();

                ParsedEvent event = both.next();
                assertThat(event.lastEventId()).isEqualTo(first.id());
                assertThat(event.data()).isEqualTo("Herald 0.4");
                assertThat(repeat).isEqualTo(new PublishReceipt(first.id(), true));
                both.assertNoMoreEvents(Duration.ofMillis(300));
            }
        }
    }
}
