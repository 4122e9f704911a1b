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
    void aChannelReservedToHeraldIsRefused() {
        assertThatThrownBy(() -> StreamRequest.read(null, query(Map.of("channel", List.of("news", "$herald.status"))), 8))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("channel $herald.status is reserved: names beginning with $ are Herald's own");
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
    void aCursorNameGivenTwiceIsRefusedNamingIt() {
        for (String name : List.of("lastEventId", "last_event_id", "Last-Event-ID", "since")) {
            assertThatThrownBy(() -> StreamRequest.read(null, query(Map.of(name, List.of("7-3", "7-9"))), 8))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("the query parameter " + name + " is given 2 times; give it once");
        }
        assertThatThrownBy(() -> StreamRequest.read(null, query(Map.of("rewind", List.of("1", "2"))), 8))
                .hasMessage("the query parameter rewind is given 2 times; give it once");
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
    void aCursorLongerThanAnyIdIsRefusedNamingWhereItCameFrom() {
        String tooLong = "i".repeat(dev.herald.broker.HeraldId.MAX_LENGTH + 1);
        assertThatThrownBy(() -> StreamRequest.read(tooLong, query(Map.of()), 8))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Last-Event-ID header is not an event id: an id is at most 256 characters, got 257");
        assertThatThrownBy(() -> StreamRequest.read(null, query(Map.of("since", List.of(tooLong))), 8))
                .hasMessageStartingWith("since is not an event id");
    }

    @Test
    void anEmptyValueCountsAsAbsent() {
        StreamRequest asked = StreamRequest.read("", query(Map.of("lastEventId", List.of(""), "Last-Event-ID", List.of("x"))), 8);
        assertThat(asked.lastEventId()).isEqualTo("x");
    }

    @Test
    void sinceIsTheCursorWhenNoLastEventIdIsGiven() {
        assertThat(StreamRequest.read(null, query(Map.of("since", List.of("7-3"))), 8).lastEventId()).isEqualTo("7-3");
    }

    @Test
    void everyLastEventIdNameWinsOverSince() {
        assertThat(StreamRequest.read("h-1", query(Map.of("since", List.of("s-1"))), 8).lastEventId()).isEqualTo("h-1");
        for (String name : StreamRequest.LAST_EVENT_ID_PARAMS) {
            StreamRequest asked = StreamRequest.read(null, query(Map.of(name, List.of("q-1"), "since", List.of("s-1"))), 8);
            assertThat(asked.lastEventId()).as(name).isEqualTo("q-1");
        }
    }

    @Test
    void rewindAsksForTheNewestEventsWhenThereIsNoCursor() {
        StreamRequest asked = StreamRequest.read(null, query(Map.of("rewind", List.of("5"))), 8);
        assertThat(asked.lastEventId()).isNull();
        assertThat(asked.rewind()).isEqualTo(5);
        assertThat(StreamRequest.read(null, query(Map.of("rewind", List.of("0"))), 8).rewind()).isZero();
        assertThat(StreamRequest.read(null, query(Map.of("rewind", List.of("0007"))), 8).rewind()).isEqualTo(7);
        assertThat(StreamRequest.read(null, query(Map.of("rewind", List.of(""))), 8).rewind()).as("empty is absent").isZero();
    }

    @Test
    void aRewindAboveTheCapIsTakenAsTheCap() {
        assertThat(StreamRequest.read(null, query(Map.of("rewind", List.of("101"))), 8).rewind()).isEqualTo(StreamRequest.MAX_REWIND);
        assertThat(StreamRequest.read(null, query(Map.of("rewind", List.of("99999999999999999999"))), 8).rewind())
                .isEqualTo(StreamRequest.MAX_REWIND);
    }

    @Test
    void aRewindThatIsNotAWholeNumberIsRefused() {
        for (String bad : List.of("abc", "-1", "1.5", " 3", "+3", "3x")) {
            assertThatThrownBy(() -> StreamRequest.read(null, query(Map.of("rewind", List.of(bad))), 8)).as(bad)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("rewind must be a whole number of events from 0 (at most 100 are sent), got \"" + bad + "\"");
        }
    }

    @Test
    void aCursorWinsOverRewindWhichIsThenNotEvenRead() {
        StreamRequest bySince = StreamRequest.read(null, query(Map.of("since", List.of("s-1"), "rewind", List.of("abc"))), 8);
        assertThat(bySince.lastEventId()).isEqualTo("s-1");
        assertThat(bySince.rewind()).isZero();
        StreamRequest byHeader = StreamRequest.read("h-1", query(Map.of("rewind", List.of("4"))), 8);
        assertThat(byHeader.lastEventId()).isEqualTo("h-1");
        assertThat(byHeader.rewind()).isZero();
    }

    @Test
    void aCursorWithALineBreakOrNulIsRefused() {
        for (String bad : List.of("a\nb", "a\rb", "a\u0000b")) {
            assertThatThrownBy(() -> StreamRequest.read(null, query(Map.of("since", List.of(bad))), 8))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("since is not an event id: an id never holds a line break or NUL");
        }
    }

    @Test
    void theTwoComponentConstructorMeansNoRewind() {
        StreamRequest asked = new StreamRequest(java.util.Set.of("a"), "7-1");
        assertThat(asked.rewind()).isZero();
        assertThat(new StreamRequest(java.util.Set.of("a"), "7-1", 5).rewind()).as("a cursor leaves no rewind").isZero();
    }

    @Test
    void aChannelHoldingAStarIsAPatternAndKeepsItsPlace() {
        StreamRequest asked = StreamRequest.read(null, query(Map.of("channel", List.of("orders.*", "news"))), 8);
        assertThat(asked.channels()).containsExactly("orders.*", "news");
    }

    @Test
    void aPatternWithTwoStarsInARowDoesNotParse() {
        assertThatThrownBy(() -> StreamRequest.read(null, query(Map.of("channel", List.of("orders.**"))), 8))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("channel pattern \"orders.**\" does not parse: write one * for any run of characters, never **");
    }

    @Test
    void moreThanTheMostPatternsAreRefusedWithTheLimit() {
        List<String> patterns = java.util.stream.IntStream.rangeClosed(0, StreamRequest.MAX_PATTERNS)
                .mapToObj(n -> "p" + n + ".*").toList();
        assertThatThrownBy(() -> StreamRequest.read(null, query(Map.of("channel", patterns)), 20))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("a stream may name at most 8 channel patterns (names holding *), got 9");
    }
}
