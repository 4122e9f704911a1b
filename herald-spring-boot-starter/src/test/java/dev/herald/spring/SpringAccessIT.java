package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.auth.TokenMinter;
import dev.herald.auth.TokenOptions;
import dev.herald.testing.AccessContract;
import dev.herald.testing.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared access contract on the Spring adapter: a real Spring Boot application (Tomcat) on a random port, with the
 * contract's secret and private channels as {@code herald.*} properties.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "herald.prefix=/events",
        "herald.jwt-secret=" + AccessContract.SECRET,
        "herald.private-channels=" + AccessContract.PRIVATE_CHANNELS})
class SpringAccessIT extends AccessContract {

    private static final TokenOptions TOKENS = TokenOptions.secret(SECRET);

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry registry;

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + port + "/events");
    }

    @Override
    protected String token(List<String> publish, List<String> subscribe, Duration ttl) {
        return new TokenMinter(TOKENS).mint(publish, subscribe, ttl, Instant.now());
    }

    @Test
    void refusalsAreCountedByTheirReasonInTheApplicationsMeterRegistry() {
        double before = registry.get("herald.refusals").tag("reason", "token_missing").counter().count();
        assertThat(TestHttp.post(URI.create(base() + "/publish"), "{\"channel\":\"news\",\"data\":\"x\"}").statusCode())
                .isEqualTo(401);
        assertThat(registry.get("herald.refusals").tag("reason", "token_missing").counter().count()).isEqualTo(before + 1);
    }
}
