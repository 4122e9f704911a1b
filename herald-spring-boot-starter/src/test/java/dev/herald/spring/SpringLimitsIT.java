package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.LimitsContract;
import dev.herald.testing.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared limits contract on the Spring adapter: a real Spring Boot application (Tomcat) on a random port, with the
 * contract's limits as {@code herald.*} properties.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "herald.prefix=/events",
        "herald.heartbeat=200ms",
        "herald.max-streams=" + LimitsContract.MAX_STREAMS,
        "herald.max-streams-per-client=" + LimitsContract.MAX_STREAMS_PER_CLIENT,
        "herald.publish-rate=" + LimitsContract.PUBLISH_RATE,
        "herald.trusted-proxies=" + LimitsContract.TRUSTED_PROXY})
class SpringLimitsIT extends LimitsContract {

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
    protected int streamsOpen() {
        return node.limits().streamsOpen();
    }

    @Test
    void refusalsAreCountedByTheirReasonInTheApplicationsMeterRegistry() {
        double before = registry.get("herald.refusals").tag("reason", "publish_rate").counter().count();
        int refused = 0;
        for (int n = 0; n <= 2 * PUBLISH_RATE; n++) {
            if (TestHttp.post(URI.create(base() + "/publish"), "{\"channel\":\"metered\",\"data\":\"x\"}").statusCode() == 429) {
                refused++;
            }
        }
        assertThat(refused).isPositive();
        assertThat(registry.get("herald.refusals").tag("reason", "publish_rate").counter().count()).isEqualTo(before + refused);
    }
}
