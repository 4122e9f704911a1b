package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.SseTestClient;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The publisher writes a Java object with the application's {@code ObjectMapper}: here the one Spring Boot's Jackson
 * auto-configuration builds from {@code spring.jackson.*}, with snake_case names, as a stream receives it.
 */
class ApplicationObjectMapperIT {

    /** A Java object an application publishes. */
    public record Headline(String firstLine, int pageNumber) {
    }

    @Test
    void aPublishedObjectIsWrittenByTheApplicationsObjectMapper() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class).run(
                "--server.address=127.0.0.1", "--server.port=0", "--spring.jackson.property-naming-strategy=SNAKE_CASE")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            try (SseTestClient client = SseTestClient.connect(URI.create("http://127.0.0.1:" + port + "/stream?channel=news"))) {
                client.nextRetry();
                app.getBean(HeraldPublisher.class).publish(new Headline("Herald 0.3.0", 1), "headline", "news")
                        .toCompletableFuture().join();
                assertThat(client.next().data()).isEqualTo("{\"first_line\":\"Herald 0.3.0\",\"page_number\":1}");
                client.assertNoMoreEvents(Duration.ofMillis(300));
            }
        }
    }
}
