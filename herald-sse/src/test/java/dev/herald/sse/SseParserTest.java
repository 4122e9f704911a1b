package dev.herald.sse;

import static dev.herald.sse.RecordingListener.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.sse.RecordingListener.Comment;
import dev.herald.sse.RecordingListener.Retry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    // ---- helpers ----

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(utf8(text));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private static List<Object> parseAtOnce(byte[] stream) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        parser.feed(stream);
        parser.end();
        return listener.items;
    }

    private static List<Object> parseByteByByte(byte[] stream) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        for (byte b : stream) {
            parser.feed(new byte[] {b});
        }
        parser.end();
        return listener.items;
    }

    /** What the stream yields fed whole; fed one byte at a time it must yield the same. */
    private static List<Object> parse(byte[] stream) {
        List<Object> whole = parseAtOnce(stream);
        assertThat(parseByteByByte(stream)).as("the same stream fed one byte at a time").isEqualTo(whole);
        return whole;
    }

    private static List<Object> parse(String stream) {
        return parse(utf8(stream));
    }

    // ---- the examples of the WHATWG HTML specification, section "Server-sent events" ----

    static Stream<Arguments> specExamples() {
        List<Arguments> examples = List.of(
                Arguments.of("three messages, the second on two lines",
                        "data: This is the first message.\n\n"
                                + "data: This is the second message, it\n"
                                + "data: has two lines.\n\n"
                                + "data: This is the third message.\n\n",
                        List.of(message("This is the first message."),
                                message("This is the second message, it\nhas two lines."),
                                message("This is the third message."))),
                Arguments.of("event types",
                        "event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\nevent: add\ndata: 113411\n\n",
                        List.of(new ParsedEvent("add", "73857293", ""),
                                new ParsedEvent("remove", "2153", ""),
                                new ParsedEvent("add", "113411", ""))),
                Arguments.of("stock ticker: data lines joined by LF",
                        "data: YHOO\ndata: +2\ndata: 10\n\n",
                        List.of(message("YHOO\n+2\n10"))),
                Arguments.of("four blocks: comment, id set, id reset, leading space kept",
                        ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n",
                        List.of(new Comment(" test stream"),
                                message("first event", "1"),
                                message("second event", ""),
                                message(" third event", ""))),
                Arguments.of("empty data, a single newline, the unterminated last block discarded",
                        "data\n\ndata\ndata\n\ndata:",
                        List.of(message(""), message("\n"))),
                Arguments.of("space after the colon is optional",
                        "data:test\n\ndata: test\n\n",
                        List.of(message("test"), message("test"))));
        return examples.stream().flatMap(example -> Arrays.stream(LineEnding.values()).map(eol -> {
            Object[] args = example.get();
            return Arguments.of(args[0], eol, args[1], args[2]);
        }));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("specExamples")
    void specExampleYieldsWhatTheSpecSays(String example, LineEnding eol, String streamWithLf, List<Object> expected) {
        assertThat(parse(eol.apply(streamWithLf))).isEqualTo(expected);
    }

    // ---- byte order mark ----

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void byteOrderMarkAtTheStartIsIgnored(LineEnding eol) {
        assertThat(parse(bytes(0xEF, 0xBB, 0xBF, eol.apply("data: x\n\n")))).containsExactly(message("x"));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void onlyOneByteOrderMarkIsIgnored(LineEnding eol) {
        // the second one belongs to the field name, "\uFEFFdata", which is unknown
        assertThat(parse(bytes(0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, eol.apply("data: x\n\n")))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void byteOrderMarkAfterTheStartIsNotIgnored(LineEnding eol) {
        assertThat(parse(eol.apply("data: a\n\n\uFEFFdata: b\n\n"))).containsExactly(message("a"));
    }

    // ---- line breaks across feeds ----

    @Test
    void carriageReturnEndingOneFeedAndLineFeedStartingTheNextAreOneLineBreak() {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);

        parser.feed(utf8("data: a\r"));
        parser.feed(utf8("\ndata: b\r"));
        parser.feed(utf8("\n"));
        assertThat(listener.items).as("no blank line yet").isEmpty();
        parser.feed(utf8("\r\n"));

        assertThat(listener.items).containsExactly(message("a\nb"));
    }

    @Test
    void carriageReturnEndingOneFeedThenAnotherLineIsOneLineBreak() {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);

        parser.feed(utf8("data: a\r"));
        parser.feed(utf8("data: b\r"));
        parser.feed(utf8("\r"));

        assertThat(listener.items).containsExactly(message("a\nb"));
    }

    @Test
    void lineFeedThenCarriageReturnAreTwoLineBreaks() {
        assertThat(parse("data: a\n\rdata: b\n\r")).containsExactly(message("a"), message("b"));
    }

    // ---- UTF-8 ----

    @Test
    void multiByteCharactersSplitAcrossFeedsAreDecoded() {
        String text = "é€😀";
        byte[] stream = utf8("data: " + text + "\n\n");
        for (int split = 0; split <= stream.length; split++) {
            RecordingListener listener = new RecordingListener();
            SseParser parser = new SseParser(listener);

            parser.feed(stream, 0, split);
            parser.feed(stream, split, stream.length - split);

            assertThat(listener.items).as("split at byte %d", split).containsExactly(message(text));
        }
        assertThat(parse(stream)).containsExactly(message(text));
    }

    @Test
    void byteOrderMarkSplitAcrossFeedsIsIgnored() {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);

        parser.feed(new byte[] {(byte) 0xEF});
        parser.feed(new byte[] {(byte) 0xBB, (byte) 0xBF, 'd'});
        parser.feed(utf8("ata: x\n\n"));

        assertThat(listener.items).containsExactly(message("x"));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void invalidByteBecomesReplacementCharacter(LineEnding eol) {
        assertThat(parse(bytes("data: a", 0xFF, "b", eol.apply("\n\n")))).containsExactly(message("a\uFFFDb"));
    }

    @Test
    void loneContinuationByteBecomesReplacementCharacter() {
        assertThat(parse(bytes("data: ", 0x80, "\n\n"))).containsExactly(message("\uFFFD"));
    }

    @Test
    void overlongEncodingBecomesOneReplacementCharacterPerByte() {
        assertThat(parse(bytes("data: ", 0xC0, 0xAF, "\n\n"))).containsExactly(message("\uFFFD\uFFFD"));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void truncatedSequenceBeforeALineBreakBecomesOneReplacementCharacter(LineEnding eol) {
        assertThat(parse(bytes("data: ", 0xE2, 0x82, eol.apply("\n\n")))).containsExactly(message("\uFFFD"));
    }

    @Test
    void truncatedSequenceFollowedByTextKeepsTheText() {
        assertThat(parse(bytes("data: ", 0xF0, 0x9F, 0x98, "x\n\n"))).containsExactly(message("\uFFFDx"));
    }

    @Test
    void truncatedSequenceAtTheEndOfTheStreamIsDiscardedWithThePendingLine() {
        assertThat(parse(bytes("data: a\n\ndata: ", 0xE2, 0x82))).containsExactly(message("a"));
    }

    // ---- fields ----

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void fieldWithoutColonHasAnEmptyValue(LineEnding eol) {
        assertThat(parse(eol.apply("event: add\nevent\ndata: x\n\nid: 5\n\nid\ndata: y\n\n")))
                .containsExactly(message("x"), message("y", ""));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void unknownFieldsAreIgnored(LineEnding eol) {
        assertThat(parse(eol.apply("foo: bar\nDATA: upper\ndata : spaced name\nEvent: x\ndata: kept\n\n")))
                .containsExactly(message("kept"));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void onlyOneSpaceAfterTheColonIsStripped(LineEnding eol) {
        assertThat(parse(eol.apply("data:  two\n\ndata:\ttab\n\n"))).containsExactly(message(" two"), message("\ttab"));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void colonsAfterTheFirstBelongToTheValue(LineEnding eol) {
        assertThat(parse(eol.apply("data: a:b: c\n\n"))).containsExactly(message("a:b: c"));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void validRetryIsReportedAndDispatchesNothing(LineEnding eol) {
        assertThat(parse(eol.apply("retry: 1500\n\nretry:250\n\n"))).containsExactly(new Retry(1500), new Retry(250));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void retryInsideAnEventIsReportedBeforeTheEvent(LineEnding eol) {
        assertThat(parse(eol.apply("data: a\nretry: 7\n\n"))).containsExactly(new Retry(7), message("a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"retry: 10s", "retry: -5", "retry: +5", "retry: 1.5", "retry: 1 000", "retry:  100",
            "retry:", "retry", "retry: \u0661\u0662", "retry: 99999999999999999999"})
    void retryThatIsNotAllAsciiDigitsIsIgnored(String line) {
        for (LineEnding eol : LineEnding.values()) {
            assertThat(parse(line + eol.apply("\ndata: x\n\n"))).as(eol.name()).containsExactly(message("x"));
        }
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void idContainingNulIsIgnored(LineEnding eol) {
        assertThat(parse(eol.apply("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n")))
                .containsExactly(message("a", "1"), message("b", "1"));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void eventWithoutDataIsNotDispatchedAndItsTypeDoesNotLeak(LineEnding eol) {
        assertThat(parse(eol.apply("event: ping\n\ndata: x\n\n"))).containsExactly(message("x"));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void defaultTypeIsMessage(LineEnding eol) {
        assertThat(parse(eol.apply("data: a\n\nevent:\ndata: b\n\n")))
                .containsExactly(new ParsedEvent("message", "a", ""), new ParsedEvent("message", "b", ""));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void typeAppliesToOneEventOnly(LineEnding eol) {
        assertThat(parse(eol.apply("event: add\ndata: a\n\ndata: b\n\n")))
                .containsExactly(new ParsedEvent("add", "a", ""), message("b"));
    }

    // ---- last event id ----

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void lastEventIdPersistsAcrossEvents(LineEnding eol) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);

        parser.feed(utf8(eol.apply("id: 1\ndata: a\n\ndata: b\n\n")));

        assertThat(listener.items).containsExactly(message("a", "1"), message("b", "1"));
        assertThat(parser.lastEventId()).isEqualTo("1");
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void frameHoldingOnlyAnIdSetsTheLastEventIdWithoutDispatching(LineEnding eol) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);

        parser.feed(utf8(eol.apply("id: 42\n\n")));

        assertThat(listener.items).isEmpty();
        assertThat(parser.lastEventId()).isEqualTo("42");

        parser.feed(utf8(eol.apply("data: next\n\n")));
        assertThat(listener.items).containsExactly(message("next", "42"));
    }

    @Test
    void lastEventIdChangesOnlyAtTheBlankLine() {
        SseParser parser = new SseParser(new RecordingListener());

        parser.feed(utf8("id: 9\n"));
        assertThat(parser.lastEventId()).isEmpty();

        parser.feed(utf8("\n"));
        assertThat(parser.lastEventId()).isEqualTo("9");
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void resumingParserStartsFromTheGivenLastEventIdUntilTheStreamSetsAnother(LineEnding eol) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener, "41");

        assertThat(parser.lastEventId()).isEqualTo("41");
        parser.feed(utf8(eol.apply("data: a\n\nid: 42\ndata: b\n\nid\ndata: c\n\n")));

        assertThat(listener.items).containsExactly(message("a", "41"), message("b", "42"), message("c", ""));
        assertThat(parser.lastEventId()).isEmpty();
    }

    @Test
    void resumingParserKeepsItsLastEventIdWhenAnIdWithNulArrives() {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener, "7");

        parser.feed(utf8("id: 8\0\ndata: x\n\n"));

        assertThat(listener.items).containsExactly(message("x", "7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\0b", "a\rb", "a\nb"})
    void lastEventIdNoStreamCouldSetIsRefused(String id) {
        assertThatThrownBy(() -> new SseParser(new RecordingListener(), id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a last event id is non-null text without NUL, CR or LF, got \"a\\");
    }

    @Test
    void lastEventIdIsEmptyBeforeAnyId() {
        SseParser parser = new SseParser(new RecordingListener());
        parser.feed(utf8("data: x\n\n"));
        assertThat(parser.lastEventId()).isEmpty();
    }

    // ---- comments ----

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void commentsAreReportedWithoutTheirColon(LineEnding eol) {
        assertThat(parse(eol.apply(": hello\n:\n:no space\n"))).containsExactly(
                new Comment(" hello"), new Comment(""), new Comment("no space"));
    }

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void commentBetweenDataLinesDoesNotEndTheEvent(LineEnding eol) {
        assertThat(parse(eol.apply("data: a\n: note\ndata: b\n\n")))
                .containsExactly(new Comment(" note"), message("a\nb"));
    }

    // ---- end of stream ----

    @ParameterizedTest
    @EnumSource(LineEnding.class)
    void pendingIncompleteEventIsDiscardedAtEnd(LineEnding eol) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);

        parser.feed(utf8(eol.apply("data: done\n\nid: 3\nevent: x\ndata: pending\n")));
        parser.end();

        assertThat(listener.items).containsExactly(message("done"));
        assertThat(parser.lastEventId()).as("the pending id was never dispatched").isEmpty();
    }

    @Test
    void unterminatedLineIsDiscardedAtEnd() {
        assertThat(parse("data: a\n\ndata: b")).containsExactly(message("a"));
    }

    @Test
    void decodedTextCanBeFedDirectly() {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);

        parser.feed("data: é\r");
        parser.feed("\n\r\n");

        assertThat(listener.items).containsExactly(message("é"));
    }

    @Test
    void blankLinesAloneDispatchNothing() {
        assertThat(parse("\n\r\n\r\n\n")).isEmpty();
    }
}
