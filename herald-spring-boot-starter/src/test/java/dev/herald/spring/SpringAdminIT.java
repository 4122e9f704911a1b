package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.AdminContract;
import dev.herald.testing.TestHttp;
import dev.herald.testing.TestTokens;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The admin's contract on the Spring adapter: a real Spring Boot application (Tomcat) with the tests' secret and
 * private channels, memory broker.
 */
class SpringAdminIT extends AdminContract {

    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(TestApplication.class).run("--server.address=127.0.0.1", "--server.port=0",
                "--herald.prefix=/events", "--herald.jwt-secret=" + TestTokens.SECRET,
                "--herald.private-channels=" + PRIVATE_CHANNELS);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static URI base(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort()
                + "/events");
    }

    @Override
    protected URI base() {
        return base(app);
    }

    @Test
    void withoutATokenKeyTheAdminPathsAreTheApplicationsNotHeralds() {
        try (ConfigurableApplicationContext plain = new SpringApplicationBuilder(TestApplication.class)
                .run("--server.address=127.0.0.1", "--server.port=0", "--herald.prefix=/events")) {
            assertThat(TestHttp.get(URI.create(base(plain) + "/admin/channels")).statusCode()).isEqualTo(404);
        }
    }
}
