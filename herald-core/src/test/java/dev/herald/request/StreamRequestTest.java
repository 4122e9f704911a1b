package dev.herald.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StreamRequestTest {

    private static Function<String, List<String>> query(Map<String, List<String>> params) {
        return name -> params.getOrDefault(name, List.of());
    }

    @Test
    void noChannelMeansTheDefaultAndNoCursorMeansANewClient() {
        StreamRequest asked = StreamRequest.read(null, query(Map.of()), 8);
        assertThat(asked.channels()).containsExactly("sse");
        assertThat(asked.lastEventId()).isNull();
    }

    @Test
    void channelsKeepTheirOrderOnceEach() {
        StreamRequest asked = StreamRequest.read(null, query(Map.of("channel", List.of("b", "a", "b"))), 8);
        assertThat(asked.channels()).containsExactly("b", "a");
    }

    @Test
    void tooManyChannelsAreRefusedWithTheLimit() {
        assertThatThrownBy(() -> StreamRequest.read(null, query(Map.of("channel", List.of("a", "b", "c"))), 2))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("a stream may name at most 2 channels, got 3");
    }

    @Test
    void anInvalidChannelNameIsRefusedWithTheRule() {
        assertThatThrownBy(() -> StreamRequest.read(null, query(Map.of("channel", List.of("a\u0007"))), 8))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("control characters");
    }

    @Test
    void theHeaderWinsOverEveryQueryName() {
        StreamRequest asked = StreamRequest.read("h-1", query(Map.of("lastEventId", List.of("q-1"))), 8);
        assertThat(asked.lastEventId()).isEqualTo("h-1");
    }

    @Test
    void eachQueryNameCarriesTheCursor() {
        for (String name : StreamRequest.LAST_EVENT_ID_PARAMS) {
            assertThat(StreamRequest.read(null, query(Map.of(name, List.of("7-3"))), 8).lastEventId()).as(name).isEqualTo("7-3");
        }
    }

    @Test
    void aNameGivenTwiceResumesFromItsLastValue() {
        StreamRequest asked = StreamRequest.read(null, query(Map.of("last_event_id", List.of("7-3", "7-9"))), 8);
        assertThat(asked.lastEventId()).isEqualTo("7-9");
    }

    @Test
    void queryNamesFollowTheDocumentedPrecedence() {
        StreamRequest asked = StreamRequest.read(null, query(Map.of(
                "Last-Event-ID", List.of("c"), "last_event_id", List.of("b"), "lastEventId", List.of("a"))), 8);
        assertThat(asked.lastEventId()).isEqualTo("a");
        asked = StreamRequest.read(null, query(Map.of("Last-Event-ID", List.of("c"), "last_event_id", List.of("b"))), 8);
        assertThat(asked.lastEventId()).isEqualTo("b");
    }

    @Test
    void anEmptyValueCountsAsAbsent() {
        StreamRequest asked = StreamRequest.read("", query(Map.of("lastEventId", List.of(""), "Last-Event-ID", List.of("x"))), 8);
        assertThat(asked.lastEventId()).isEqualTo("x");
    }
}
