package dev.herald.spring;

import dev.herald.testing.BackpressureContract;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared backpressure contract on the Spring adapter: a real Spring Boot application of its own, whose
 * {@code herald.publish-backlog} and {@code herald.publish-wait} are the contract's; the slowed publishes read from the
 * application's meter registry.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "herald.prefix=/events",
        "herald.loops=2",
        "herald.publish-backlog=" + BackpressureContract.PUBLISH_BACKLOG,
        "herald.publish-wait=5ms", // BackpressureContract.PUBLISH_WAIT
        // Every request comes from 127.0.0.1: no per-address limit may refuse one.
        "herald.max-streams-per-client=10000",
        "herald.publish-rate=100000"})
class SpringBackpressureIT extends BackpressureContract {

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry registry;

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + port + "/events");
    }

    @Override
    protected long publishesSlowed() {
        return (long) registry.get("herald.publishes.slowed").counter().count();
    }
}
