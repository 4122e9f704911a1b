package dev.herald.spring;

import dev.herald.testing.PublisherTokenContract;
import dev.herald.testing.TestTokens;
import java.net.URI;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The publisher-token contract on the Spring adapter's {@code POST /events/publish}: a real Spring Boot application
 * (Tomcat) on a random port, with the contract's secret and address rate as {@code herald.*} properties.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "herald.prefix=/events",
        "herald.jwt-secret=" + TestTokens.SECRET,
        "herald.publish-rate=" + PublisherTokenContract.ADDRESS_PUBLISH_RATE})
class SpringPublisherTokenIT extends PublisherTokenContract {

    @LocalServerPort
    private int port;

    @Override
    protected URI publishUri() {
        return URI.create("http://127.0.0.1:" + port + "/events/publish");
    }

    @Override
    protected String body() {
        return "{\"channel\":\"sse\",\"data\":\"x\"}";
    }

    @Override
    protected URI streamUri() {
        return URI.create("http://127.0.0.1:" + port + "/events/stream?channel=sse");
    }
}
