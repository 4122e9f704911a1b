package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://127.4.5.6:9", "http://localhost:8080/", "http://LocalHost",
            "http://[::1]:8080", "http://[0:0:0:0:0:0:0:1]:8080"})
    void loopbackHostsAreAccepted(String url) {
        assertThat(LoopbackUrl.parse(url).host()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1:8080", "http://128.0.0.1", "http://0.0.0.0:8080", "http://127.0.0.1.nip.io",
            "http://192.168.1.10", "http://example.com", "http://localhost.example.com", "http://[::2]:8080",
            "http://[::]:8080", "http://[::ffff:10.0.0.1]"})
    void otherHostsAreRefused(String url) {
        assertThatThrownBy(() -> LoopbackUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not loopback");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1", "ftp://127.0.0.1", "http://127.0.0.1/?channel=x", "127.0.0.1:8080",
            "http://127.0.0.256",
            "http://user@127.0.0.1"})
    void whatIsNotAPlainHttpBaseUrlIsRefused(String url) {
        assertThatThrownBy(() -> LoopbackUrl.parse(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBasePathPrefixesEveryRoute() {
        LoopbackUrl url = LoopbackUrl.parse("http://[::1]:8081/events/");

        assertThat(url.host()).isEqualTo("[::1]");
        assertThat(url.port()).isEqualTo(8081);
        assertThat(url.requestUri("/stream?channel=a")).isEqualTo("/events/stream?channel=a");
        assertThat(url).hasToString("http://[::1]:8081/events");
        assertThat(LoopbackUrl.parse("http://localhost").port()).isEqualTo(80);
    }

    @Test
    void theHarnessRefusesANonLoopbackUrlWithStatusTwoBeforeAnyConnection() {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();

        int status = LoadHarness.commandLine()
                .setErr(new PrintWriter(err, true))
                .setOut(new PrintWriter(out, true))
                .execute("--url", "http://203.0.113.7:8080", "--duration", "1");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--url host '203.0.113.7' is not loopback");
        assertThat(out.toString()).isEmpty();
    }
}
