package dev.herald.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PollRequestTest {

    private static Function<String, List<String>> query(Map<String, List<String>> params) {
        return name -> params.getOrDefault(name, List.of());
    }

    private static PollRequest read(Map<String, List<String>> params) {
        return PollRequest.read(null, query(params), 8);
    }

    @Test
    void withoutWaitItIsAShortPoll() {
        PollRequest asked = read(Map.of());
        assertThat(asked.maxWait()).isZero();
        assertThat(asked.isLong()).isFalse();
    }

    @Test
    void waitIsInWholeSecondsAndCapped() {
        assertThat(read(Map.of("wait", List.of("7"))).maxWait()).isEqualTo(Duration.ofSeconds(7));
        assertThat(read(Map.of("wait", List.of("0"))).isLong()).isFalse();
        assertThat(read(Map.of("wait", List.of("61"))).maxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(read(Map.of("wait", List.of("123456789012345"))).maxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> read(Map.of("wait", List.of("5", "9"))))
                .hasMessage("the query parameter wait is given 2 times; give it once");
    }

    @Test
    void waitWithoutAValueMeansTheDefault() {
        assertThat(read(Map.of("wait", List.of(""))).maxWait()).isEqualTo(Duration.ofSeconds(PollRequest.DEFAULT_WAIT_SECONDS));
    }

    @Test
    void aWaitThatIsNotAWholeNumberIsRefused() {
        for (String bad : List.of("abc", "-1", "1.5", "2s", " 1")) {
            assertThatThrownBy(() -> read(Map.of("wait", List.of(bad)))).as(bad)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("wait must be a whole number of seconds from 0 (at most 60 are waited), or no value for 25, got \""
                            + bad + "\"");
        }
    }

    @Test
    void channelsAndTheStartAreReadAsAStreamReadsThem() {
        PollRequest asked = PollRequest.read("h-1", query(Map.of("channel", List.of("a", "b"), "since", List.of("s-1"))), 8);
        assertThat(asked.stream()).isEqualTo(new StreamRequest(java.util.Set.of("a", "b"), "h-1"));
        assertThat(read(Map.of("rewind", List.of("4"))).stream().rewind()).isEqualTo(4);
        assertThatThrownBy(() -> read(Map.of("rewind", List.of("x")))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> PollRequest.read(null, query(Map.of("channel", List.of("a", "b", "c"))), 2))
                .isInstanceOf(InvalidRequestException.class);
    }
}
