package dev.herald.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SseEncoderTest {

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    /** What a browser makes of the bytes: the events the parser dispatches. */
    private static List<ParsedEvent> parsed(byte[] stream) {
        List<ParsedEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(stream);
        parser.end();
        return events;
    }

    @Test
    void dataIsWrittenAsOneDataLineFollowedByABlankLine() {
        assertThat(SseEncoder.encodeToString(new SseEvent(null, null, "hello", null)))
                .isEqualTo("data: hello\n\n");
    }

    @Test
    void idIsWrittenAsAnIdLineBeforeTheData() {
        assertThat(SseEncoder.encodeToString(new SseEvent("42", null, "hello", null)))
                .isEqualTo("id: 42\ndata: hello\n\n");
    }

    @Test
    void typeIsWrittenAsAnEventLineBeforeTheData() {
        assertThat(SseEncoder.encodeToString(new SseEvent(null, "price", "hello", null)))
                .isEqualTo("event: price\ndata: hello\n\n");
    }

    @Test
    void retryIsWrittenAsARetryLineBeforeTheData() {
        assertThat(SseEncoder.encodeToString(new SseEvent(null, null, "hello", 5000L)))
                .isEqualTo("retry: 5000\ndata: hello\n\n");
    }

    @Test
    void zeroRetryIsWrittenToo() {
        assertThat(SseEncoder.encodeToString(new SseEvent(null, null, "x", 0L)))
                .isEqualTo("retry: 0\ndata: x\n\n");
    }

    @Test
    void allFieldsAreWrittenInTheOrderIdEventRetryData() {
        assertThat(SseEncoder.encodeToString(new SseEvent("7", "price", "1.5", 10L)))
                .isEqualTo("id: 7\nevent: price\nretry: 10\ndata: 1.5\n\n");
    }

    @Test
    void emptyDataGivesABareDataLine() {
        assertThat(SseEncoder.encodeToString(new SseEvent(null, null, "", null))).isEqualTo("data:\n\n");
        assertThat(parsed(SseEncoder.encode(new SseEvent(null, null, "", null))))
                .containsExactly(new ParsedEvent("message", "", ""));
    }

    @Test
    void emptyIdIsWrittenAsABareIdLineWhichResetsTheLastEventId() {
        assertThat(SseEncoder.encodeToString(new SseEvent("", null, "x", null))).isEqualTo("id:\ndata: x\n\n");
    }

    @Test
    void emptyTypeWritesNoEventLine() {
        assertThat(SseEncoder.encodeToString(new SseEvent(null, "", "x", null))).isEqualTo("data: x\n\n");
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void multiLineDataIsSplitIntoOneDataLinePerLine(LineEnding eol) {
        SseEvent event = SseEvent.of(null, eol.apply("first\nsecond\nthird"));

        assertThat(SseEncoder.encodeToString(event)).isEqualTo("data: first\ndata: second\ndata: third\n\n");
        assertThat(parsed(SseEncoder.encode(event))).containsExactly(new ParsedEvent("message", "first\nsecond\nthird", ""));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void dataEndingWithALineBreakEndsWithAnEmptyDataLine(LineEnding eol) {
        SseEvent event = SseEvent.of(null, eol.apply("last\n"));

        assertThat(SseEncoder.encodeToString(event)).isEqualTo("data: last\ndata:\n\n");
        assertThat(parsed(SseEncoder.encode(event))).containsExactly(new ParsedEvent("message", "last\n", ""));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void emptyLinesInsideDataBecomeBareDataLinesNotABlankLine(LineEnding eol) {
        SseEvent event = SseEvent.of(null, eol.apply("a\n\nb"));

        assertThat(SseEncoder.encodeToString(event)).isEqualTo("data: a\ndata:\ndata: b\n\n");
        assertThat(parsed(SseEncoder.encode(event))).containsExactly(new ParsedEvent("message", "a\n\nb", ""));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void dataMadeOfOneLineBreakIsTwoEmptyDataLines(LineEnding eol) {
        assertThat(SseEncoder.encodeToString(SseEvent.of(null, eol.chars))).isEqualTo("data:\ndata:\n\n");
    }

    @Test
    void lineFeedThenCarriageReturnIsTwoLineBreaks() {
        assertThat(SseEncoder.encodeToString(SseEvent.of(null, "a\n\rb"))).isEqualTo("data: a\ndata:\ndata: b\n\n");
    }

    @Test
    void dataBeginningWithASpaceKeepsItAfterTheParserStripsOne() {
        SseEvent event = SseEvent.of(null, " indented");

        assertThat(SseEncoder.encodeToString(event)).isEqualTo("data:  indented\n\n");
        assertThat(parsed(SseEncoder.encode(event))).containsExactly(new ParsedEvent("message", " indented", ""));
    }

    @Test
    void idAndTypeBeginningWithASpaceKeepIt() {
        SseEvent event = new SseEvent(" 1", " kind", "x", null);

        assertThat(SseEncoder.encodeToString(event)).isEqualTo("id:  1\nevent:  kind\ndata: x\n\n");
        assertThat(parsed(SseEncoder.encode(event))).containsExactly(new ParsedEvent(" kind", "x", " 1"));
    }

    @Test
    void eventIsEncodedAsUtf8() {
        byte[] expected = {'d', 'a', 't', 'a', ':', ' ',
                (byte) 0xC3, (byte) 0xA9,                           // é
                (byte) 0xE2, (byte) 0x82, (byte) 0xAC,              // €
                (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, // 😀
                '\n', '\n'};

        assertThat(SseEncoder.encode(SseEvent.of(null, "\u00e9\u20ac\ud83d\ude00"))).isEqualTo(expected);
    }

    @Test
    void heartbeatIsAnEmptyComment() {
        assertThat(text(SseEncoder.comment(""))).isEqualTo(":\n\n");
    }

    @Test
    void commentTextFollowsColonAndSpace() {
        assertThat(text(SseEncoder.comment("keep-alive"))).isEqualTo(": keep-alive\n\n");
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void lineBreaksInACommentStartNewCommentLines(LineEnding eol) {
        assertThat(text(SseEncoder.comment(eol.apply("one\ntwo\n\nthree")))).isEqualTo(": one\n: two\n:\n: three\n\n");
    }

    @Test
    void commentFrameDispatchesNothing() {
        assertThat(parsed(SseEncoder.comment("a\nb"))).isEmpty();
    }

    @Test
    void retryFrameHoldsOnlyTheRetryField() {
        assertThat(text(SseEncoder.retry(3000))).isEqualTo("retry: 3000\n\n");
        assertThat(text(SseEncoder.retry(0))).isEqualTo("retry: 0\n\n");
    }

    @Test
    void negativeRetryFrameIsRefused() {
        assertThatThrownBy(() -> SseEncoder.retry(-1)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void lastEventIdFrameHoldsOnlyTheIdField() {
        assertThat(text(SseEncoder.lastEventId("1700000000000-42"))).isEqualTo("id: 1700000000000-42\n\n");
    }

    @Test
    void lastEventIdFrameSetsTheParsersLastEventIdWithoutDispatching() {
        List<ParsedEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);

        parser.feed(SseEncoder.lastEventId("resume-here"));

        assertThat(events).isEmpty();
        assertThat(parser.lastEventId()).isEqualTo("resume-here");
    }

    @Test
    void lastEventIdFrameRefusesAnIdWithALineBreak() {
        assertThatThrownBy(() -> SseEncoder.lastEventId("1\ndata: injected")).isInstanceOf(InvalidEventException.class);
    }
}
