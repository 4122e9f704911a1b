package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.auth.AccessOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.options.InvalidOptionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class HeraldAutoConfigurationTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HeraldAutoConfiguration.class));

    @Test
    void aServletApplicationGetsTheEndpointsThePublisherAndTheNode() {
        web.withPropertyValues("herald.prefix=/events", "herald.heartbeat=30s", "herald.max-channels=3").run(context -> {
            assertThat(context).hasSingleBean(HeraldNode.class).hasSingleBean(HeraldPublisher.class)
                    .hasSingleBean(HeraldEndpoints.class);
            HeraldNode node = context.getBean(HeraldNode.class);
            assertThat(node.prefix()).isEqualTo("/events");
            assertThat(node.routesOptions().maxChannels()).isEqualTo(3);
            assertThat(node.describeBroker()).isEqualTo("in-memory broker");
            String id = context.getBean(HeraldPublisher.class).publish(Map.of("message", "Hello"), "notify")
                    .toCompletableFuture().join();
            assertThat(id).isNotBlank();
        });
    }

    @Test
    void theConsoleIsOffByDefaultAndOnWithHeraldConsole() {
        web.run(context -> assertThat(context).doesNotHaveBean(ConsoleEndpoints.class)
                .doesNotHaveBean(dev.herald.web.console.Console.class));
        web.withPropertyValues("herald.console=OFF").run(context ->
                assertThat(context).doesNotHaveBean(ConsoleEndpoints.class));
        web.withPropertyValues("herald.console=token", "herald.node-id=web-7").run(context -> {
            assertThat(context).hasSingleBean(ConsoleEndpoints.class);
            assertThat(context.getBean(dev.herald.web.console.Console.class).options().nodeId()).isEqualTo("web-7");
        });
        web.withPropertyValues("herald.console=sometimes").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("must be auto, token or off, got sometimes"));
    }

    @Test
    void theLimitsAreBoundAndDefaultToThoseOfTheVertxRoutes() {
        web.run(context -> assertThat(context.getBean(HeraldNode.class).limits().options())
                .isEqualTo(LimitsOptions.defaults()));
        web.withPropertyValues("herald.max-streams=50", "herald.max-streams-per-client=5", "herald.publish-rate=7")
                .run(context -> assertThat(context.getBean(HeraldNode.class).limits().options())
                        .isEqualTo(LimitsOptions.builder().maxStreams(50).maxStreamsPerClient(5).publishRate(7).build())
                        .extracting(LimitsOptions::publishBurst).as("twice the rate").isEqualTo(14));
        web.withPropertyValues("herald.publish-rate=7", "herald.publish-burst=3")
                .run(context -> assertThat(context.getBean(HeraldNode.class).limits().options().publishBurst())
                        .isEqualTo(3));
    }

    @Test
    void theTokenOptionsAreBoundIntoTheAccessRules() {
        web.run(context -> assertThat(context.getBean(HeraldNode.class).access().options().tokens().enabled()).isFalse());
        web.withPropertyValues("herald.jwt-secret=" + "s".repeat(32), "herald.jwt-audience=herald",
                "herald.private-channels=user-*, orders", "herald.allow-query-token=true").run(context -> {
            AccessOptions access = context.getBean(HeraldNode.class).access().options();
            assertThat(access.tokens().enabled()).isTrue();
            assertThat(access.tokens().audience()).isEqualTo("herald");
            assertThat(access.privateChannels().covers("user-7")).isTrue();
            assertThat(access.privateChannels().covers("orders")).isTrue();
            assertThat(access.privateChannels().covers("news")).isFalse();
            assertThat(access.allowQueryToken()).isTrue();
        });
    }

    @Test
    void heraldEnabledFalseTurnsItOff() {
        web.withPropertyValues("herald.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(HeraldNode.class).doesNotHaveBean(HeraldEndpoints.class));
    }

    @Test
    void anApplicationWithoutServletWebHasNoEndpoints() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeraldAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(HeraldNode.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "herald.heartbeat=0s                                    | herald.heartbeat     | must be positive",
            "herald.retry=-1s                                       | herald.retry         | must be zero or more",
            "herald.buffer-limit=10B                                | herald.buffer-limit  | at least 1024",
            "herald.max-channels=0                                  | herald.max-channels  | at least 1",
            "herald.history-size=-1                                 | herald.history-size  | at least 0",
            "herald.history=prices.*=1                              | herald.history       | 'prices.*=1' is not a rule",
            "herald.prefix=events                                   | herald.prefix        | must be empty or start with",
            "herald.max-streams=0                                   | herald.max-streams   | at least 1",
            "herald.max-streams-per-client=0                        | herald.max-streams-per-client | at least 1",
            "herald.publish-rate=-5                                 | herald.publish-rate  | at least 1",
            "herald.publish-burst=0                                 | herald.publish-burst | at least 1 request",
            "herald.loops=-1                                        | herald.loops         | must be between 1 and 256",
            "herald.loops=1000                                      | herald.loops         | must be between 1 and 256",
            "herald.jwt-secret=short                                | herald.jwt-secret    | at least 32 bytes",
            "herald.jwt-key=/no/such/key.pem                        | herald.jwt-key       | cannot read /no/such/key.pem",
            "herald.jwt-issuer=https://issuer.example               | herald.jwt-issuer    | needs",
            "herald.private-channels=user-*                         | herald.private-channels | need a token key (jwt-secret or jwt-key)",
            "herald.broker=redis-streams,herald.redis.url=http://x  | herald.redis.url     | redis",
    })
    void aBadValueFailsTheStartWithOneMessageNamingTheProperty(String properties, String property, String problem) {
        web.withPropertyValues(properties.split(",")).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            Throwable cause = failure;
            while (cause != null && !(cause instanceof InvalidOptionException)) {
                cause = cause.getCause();
            }
            assertThat(cause).as("the refusal of an options record").isInstanceOf(InvalidOptionException.class);
            FailureAnalysis analysis = new InvalidOptionFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).startsWith("Invalid value for " + property + ": ").containsIgnoringCase(problem);
            assertThat(analysis.getAction()).contains(property);
        });
    }

    @Test
    void theConfigurationMetadataDescribesEveryProperty() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated by spring-boot-configuration-processor").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> properties = new HashMap<>();
        metadata.path("properties").forEach(property -> properties.put(property.path("name").asText(), property));
        assertThat(properties).containsKeys("herald.enabled", "herald.prefix", "herald.broker", "herald.redis.url",
                "herald.heartbeat", "herald.retry", "herald.history-size", "herald.history-age", "herald.buffer-limit",
                "herald.body-limit", "herald.max-channels", "herald.loops", "herald.max-streams",
                "herald.max-streams-per-client", "herald.publish-rate", "herald.jwt-secret", "herald.jwt-key",
                "herald.jwt-issuer", "herald.jwt-audience", "herald.private-channels", "herald.allow-query-token");
        properties.forEach((name, property) ->
                assertThat(property.path("description").asText()).as("the description of " + name).isNotBlank());
        assertThat(properties.get("herald.heartbeat").path("defaultValue").asText()).isEqualTo("15s");
        assertThat(properties.get("herald.broker").path("defaultValue").asText()).isEqualTo("memory");
    }
}
