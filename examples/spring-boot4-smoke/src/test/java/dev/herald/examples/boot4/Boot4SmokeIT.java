package dev.herald.examples.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.ParsedEvent;
import dev.herald.spring.HeraldPublisher;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter, built against Spring Boot 3.5, in an application on Spring Boot 4 (Tomcat 11, Spring Framework 7):
 * the stream opens, the publish endpoint and the publisher bean reach it, a bad channel is a JSON 400.
 */
class Boot4SmokeIT {

    @Test
    void streamAndPublishWorkOnSpringBoot4() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Boot4Application.class).run(
                "--server.address=127.0.0.1", "--server.port=0", "--herald.prefix=/events")) {
            URI base = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/events");
            try (SseTestClient client = SseTestClient.connect(URI.create(base + "/stream?channel=news"))) {
                assertThat(client.nextRetry()).isEqualTo(3000);

                HttpResponse<String> published = TestHttp.post(URI.create(base + "/publish"),
                        "{\"channel\":\"news\",\"type\":\"headline\",\"data\":{\"title\":\"Boot 4\"}}");
                assertThat(published.statusCode()).isEqualTo(200);
                assertThat(published.body()).contains("\"status\":\"success\"");
                ParsedEvent event = client.next();
                assertThat(event.type()).isEqualTo("headline");
                assertThat(event.data()).isEqualTo("{\"title\":\"Boot 4\"}");

                String id = app.getBean(HeraldPublisher.class).publish(Map.of("message", "Hello"), "notify", "news")
                        .toCompletableFuture().join();
                assertThat(client.next().lastEventId()).isEqualTo(id);
            }
            HttpResponse<String> refused = TestHttp.get(URI.create(base + "/stream?channel=" + "c".repeat(201)));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("\"status\":\"error\"");
        }
    }
}
