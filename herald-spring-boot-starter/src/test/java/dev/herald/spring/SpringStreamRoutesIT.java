package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.PollRoutesContract;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.StreamRoutesContract;
import dev.herald.testing.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The shared stream contract on the Spring adapter, in the application of {@link RouteContractsApplication}. */
@RouteContractsApplication
class SpringStreamRoutesIT extends StreamRoutesContract {

    @LocalServerPort
    private int port;

    @Autowired
    private HeraldNode node;

    @Autowired
    private MeterRegistry registry;

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + port + "/events");
    }

    @Override
    protected long subscribersDropped() {
        return node.hub().stats().subscribersDropped();
    }

    @Test
    void theOptionsOfTheContractsAreThoseBound() {
        assertThat(HEARTBEAT).isEqualTo(Duration.ofMillis(200));
        assertThat(node.routesOptions().bufferLimitBytes()).isEqualTo(BUFFER_LIMIT_BYTES);
        assertThat(node.routesOptions().maxChannels()).isEqualTo(PollRoutesContract.MAX_CHANNELS);
    }

    @Test
    void streamsAreCountedInTheApplicationsMeterRegistry() {
        double before = registry.get("herald.streams.opened").tag("transport", "stream").counter().count();
        try (SseTestClient client = SseTestClient.connect(URI.create(base() + "/stream?channel=metered"))) {
            client.nextRetry();
            assertThat(registry.get("herald.streams.opened").tag("transport", "stream").counter().count()).isEqualTo(before + 1);
            assertThat(registry.get("herald.streams.open").tag("transport", "stream").gauge().value()).isGreaterThanOrEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("herald.streams.open").tag("transport", "stream").gauge().value() == 0);
    }

    @Test
    void healthShowsHeraldUpWithItsBroker() {
        HttpResponse<String> health = TestHttp.get(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"herald\":{\"status\":\"UP\",\"details\":{\"broker\":\"in-memory broker\"}}");
    }
}
