package dev.herald.spring;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application the routes' contracts ({@code StreamRoutesContract}, {@code PollRoutesContract}) run on: a real
 * Spring Boot application (Tomcat, Actuator) on a random port, Herald mounted under /events with the contracts'
 * options. The suites that carry it share one application context (Spring's test context cache).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "herald.prefix=/events",
        "herald.heartbeat=200ms",
        "herald.retry=2000ms",
        "herald.history-size=5",
        "herald.buffer-limit=16KB",
        "herald.max-channels=64",
        "herald.loops=2",
        // Every request of the suites comes from 127.0.0.1: no per-address limit may refuse one.
        "herald.max-streams-per-client=10000",
        "herald.publish-rate=100000",
        "management.endpoint.health.show-details=always"})
@interface RouteContractsApplication {
}
