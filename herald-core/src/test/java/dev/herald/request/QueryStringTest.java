package dev.herald.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void nothingIsNoParameter() {
        assertThat(QueryString.decode(null)).isEmpty();
        assertThat(QueryString.decode("")).isEmpty();
        assertThat(QueryString.decode("&&")).isEmpty();
    }

    @Test
    void repeatedNamesKeepEveryValueInOrder() {
        assertThat(QueryString.decode("channel=b&channel=a&lastEventId=7-1"))
                .isEqualTo(Map.of("channel", List.of("b", "a"), "lastEventId", List.of("7-1")));
    }

    @Test
    void percentEncodingAndPlusAreDecodedAsUtf8() {
        assertThat(QueryString.decode("channel=caf%C3%A9+bar&Last-Event-ID=a%26b%3Dc"))
                .isEqualTo(Map.of("channel", List.of("café bar"), "Last-Event-ID", List.of("a&b=c")));
    }

    @Test
    void aNameWithoutEqualsHasTheEmptyValue() {
        assertThat(QueryString.decode("wait&channel=")).isEqualTo(Map.of("wait", List.of(""), "channel", List.of("")));
    }

    @Test
    void aMalformedPercentEncodingIsRefused() {
        for (String raw : List.of("channel=%ZZ", "channel=%4", "%G1=x")) {
            assertThatThrownBy(() -> QueryString.decode(raw)).as(raw)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("the query string is not valid percent-encoding: ");
        }
    }
}
