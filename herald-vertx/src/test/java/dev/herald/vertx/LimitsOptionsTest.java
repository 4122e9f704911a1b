package dev.herald.vertx;

import dev.herald.limits.LimitsOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The limits and CORS options are checked where their records are built, and a refusal names the option. */
class LimitsOptionsTest {

    private static void refused(Runnable build, String option, String problem) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(InvalidOptionException.class, e -> {
            assertThat(e.option()).isEqualTo(option);
            assertThat(e.problem()).isEqualTo(problem);
        });
    }

    @Test
    void everyLimitMustBeAtLeastOne() {
        refused(() -> LimitsOptions.builder().maxStreams(0).build(), "max-streams", "must be at least 1 stream, got 0");
        refused(() -> LimitsOptions.builder().maxStreamsPerClient(0).build(), "max-streams-per-client",
                "must be at least 1 stream, got 0");
        refused(() -> LimitsOptions.builder().publishRate(-3).build(), "publish-rate",
                "must be at least 1 request per second, got -3");
        assertThat(LimitsOptions.builder().maxStreams(1).maxStreamsPerClient(1).publishRate(1).build().publishRate())
                .isEqualTo(1);
    }

    @Test
    void theDefaultsSuitAPublicNode() {
        assertThat(LimitsOptions.defaults())
                .isEqualTo(LimitsOptions.builder().maxStreams(10_000).maxStreamsPerClient(256).publishRate(100)
                        .publishBurst(200).build());
    }

    @Test
    void originsAreKeptAsABrowserSendsThem() {
        CorsOptions cors = new CorsOptions(List.of("HTTPS://App.Example.com", "http://localhost:3000",
                "https://api.example.com:443", "http://[::1]:8080"));
        assertThat(cors.origins()).containsExactly("https://app.example.com", "http://localhost:3000",
                "https://api.example.com", "http://[::1]:8080");
        assertThat(cors.allows("https://app.example.com")).isTrue();
        assertThat(cors.allows("http://localhost:3000")).isTrue();
        assertThat(cors.allows("http://localhost:3001")).isFalse();
        assertThat(cors.allows("http://app.example.com")).as("another scheme is another origin").isFalse();
        assertThat(cors.allows("null")).as("a sandboxed page's origin").isFalse();
        assertThat(cors.allows(null)).isFalse();
        assertThat(cors.anyOrigin()).isFalse();
    }

    @Test
    void aStarAllowsEveryOriginButNoOtherText() {
        CorsOptions any = new CorsOptions(List.of("*"));
        assertThat(any.anyOrigin()).isTrue();
        assertThat(any.allows("https://anywhere.example")).isTrue();
        assertThat(any.allows("null")).isFalse();
        assertThat(CorsOptions.none().enabled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/", "https://app.example.com/path", "app.example.com",
            "ftp://app.example.com", "https://user@app.example.com", "https://app.example.com?x=1",
            "https://app.example.com:99999", "https://app.example.com:", "https://", "*.example.com", ""})
    void anythingButAnOriginIsRefused(String origin) {
        refused(() -> new CorsOptions(List.of(origin)), "cors-origins",
                "must be * or origins like https://app.example.com (http or https, a host, an optional port, no path), got "
                        + (origin.isEmpty() ? "an empty one" : origin));
    }

    @Test
    void aStarCannotBeListedWithOthers() {
        refused(() -> new CorsOptions(List.of("https://app.example.com", "*")), "cors-origins",
                "* stands for every origin and cannot be listed with others, got https://app.example.com,*");
        refused(() -> new CorsOptions(null), "cors-origins", "must be given");
    }
}
