package dev.herald.spring;

import dev.herald.testing.ConsoleContract;
import dev.herald.testing.TestTokens;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console's contract on the Spring adapter: two real Spring Boot applications (Tomcat) with
 * {@code herald.console=auto} and the tests' secret, one with {@code server.address=127.0.0.1}, one with
 * {@code server.address=0.0.0.0} (reached on 127.0.0.1).
 */
class SpringConsoleIT extends ConsoleContract {

    private static ConfigurableApplicationContext loopback;
    private static ConfigurableApplicationContext wildcard;

    private static ConfigurableApplicationContext start(String address, String nodeId) {
        return new SpringApplicationBuilder(TestApplication.class).run("--server.address=" + address, "--server.port=0",
                "--herald.prefix=/events", "--herald.console=auto", "--herald.node-id=" + nodeId,
                "--herald.jwt-secret=" + TestTokens.SECRET);
    }

    @BeforeAll
    static void start() {
        loopback = start("127.0.0.1", "spring-loopback");
        wildcard = start("0.0.0.0", "spring-wildcard");
    }

    @AfterAll
    static void stop() {
        loopback.close();
        wildcard.close();
    }

    private static URI base(ConfigurableApplicationContext app) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/events");
    }

    @Override
    protected URI loopbackBase() {
        return base(loopback);
    }

    @Override
    protected URI wildcardBase() {
        return base(wildcard);
    }
}
