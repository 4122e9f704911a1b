package dev.herald.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.access.RequestCredentials;
import dev.herald.request.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link ServerRequest#credentials} reads: each credential once, a repeated one refused by its name. */
class ServerRequestTest {

    /** Request parts with every value of a header and of a cookie. */
    private record Parts(Map<String, List<String>> headers, Map<String, List<String>> cookies, String rawQuery)
            implements ServerRequest {

        @Override
        public String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        @Override
        public List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }

        @Override
        public List<String> cookies(String name) {
            return cookies.getOrDefault(name, List.of());
        }

        @Override
        public String peerAddress() {
            return "10.0.0.1";
        }

        @Override
        public String scheme() {
            return "http";
        }

        @Override
        public String host() {
            return "localhost";
        }
    }

    @Test
    void eachCredentialGivenOnceIsRead() {
        RequestCredentials read = new Parts(Map.of("Authorization", List.of("Bearer a")),
                Map.of("herald_token", List.of("b")), "access_token=c").credentials(true);
        assertThat(read.authorization()).isEqualTo("Bearer a");
        assertThat(read.cookie()).isEqualTo("b");
        assertThat(read.queryToken()).isEqualTo("c");
    }

    @Test
    void twoTokenCookiesAreRefusedRatherThanTheFirstHidingTheOther() {
        assertThatThrownBy(() -> new Parts(Map.of(), Map.of("herald_token", List.of("stale", "fresh")), null)
                .credentials(false))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("the herald_token cookie is given 2 times; give it once");
    }

    @Test
    void aRepeatedQueryTokenOrAuthorizationIsRefusedNamingIt() {
        assertThatThrownBy(() -> new Parts(Map.of(), Map.of(), "access_token=a&access_token=b").credentials(true))
                .hasMessage("the query parameter access_token is given 2 times; give it once");
        assertThat(new Parts(Map.of(), Map.of(), "access_token=a&access_token=b").credentials(false).queryToken())
                .as("not read where it does not count").isNull();
        assertThatThrownBy(() -> new Parts(Map.of("Authorization", List.of("Bearer a", "Bearer b")), Map.of(), null)
                .credentials(false))
                .hasMessage("the Authorization header is given 2 times; give it once");
    }
}
