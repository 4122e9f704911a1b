package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlaskSseCodecTest {

    @Test
    void theSeedsPublishDecodesToANotifyEventWithThePublishersJsonText() {
        SseEvent event = FlaskSseCodec.decode("{\"data\": {\"message\": \"Hello\"}, \"type\": \"notify\"}");
        assertThat(event).isEqualTo(new SseEvent(null, "notify", "{\"message\": \"Hello\"}", null));
    }

    @ParameterizedTest(name = "data {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"plain text\"`           | plain text",
        "`[1, 2, {\"a\": [3]}]`     | `[1, 2, {\"a\": [3]}]`",
        "42                         | 42",
        "-1.5e3                     | -1.5e3",
        "true                       | true",
        "null                       | null",
        "`\"line\\nbreak\"`         | `line\nbreak`",
    })
    void dataIsTextForAStringAndTheJsonTextOtherwise(String json, String expected) {
        SseEvent event = FlaskSseCodec.decode("{\"data\": " + json + ", \"id\": 7}");
        assertThat(event.data()).isEqualTo(expected.replace("\\n", "\n"));
        assertThat(event.id()).isEqualTo("7");
    }

    @Test
    void retryIsReadAndAZeroRetryIsLeftOutAsFlaskSseDoes() {
        assertThat(FlaskSseCodec.decode("{\"data\": \"x\", \"retry\": 2500}").retryMillis()).isEqualTo(2500L);
        assertThat(FlaskSseCodec.decode("{\"data\": \"x\", \"retry\": 0}").retryMillis()).isNull();
    }

    @Test
    void heraldsEventsAreWrittenAsFlaskSseMessages() {
        assertThat(FlaskSseCodec.encode(new SseEvent("h1-1", "notify", "{\"message\":\"Hi\"}", 3000L)))
                .isEqualTo("{\"data\":\"{\\\"message\\\":\\\"Hi\\\"}\",\"type\":\"notify\",\"id\":\"h1-1\",\"retry\":3000}");
        assertThat(FlaskSseCodec.encode(SseEvent.of(null, "text"))).isEqualTo("{\"data\":\"text\"}");
    }

    @Test
    void anEncodedEventDecodesToItself() {
        SseEvent event = new SseEvent("h1-9", "update", "a\nb \u00e9 \ud83d\ude00", 1000L);
        assertThat(FlaskSseCodec.decode(FlaskSseCodec.encode(event))).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json                  | not valid JSON",
        "`[1,2]`                   | not a flask-sse message",
        "`{\"type\": \"x\"}`       | needs \"data\"",
        "`{\"data\": 1, \"x\": 2}` | has no field \"x\"",
        "`{\"data\": 1, \"type\": \"a\\nb\"}` | event type must not contain CR or LF",
        "`{\"data\": 1, \"retry\": -5}`       | retry must be a non-negative",
        "`{\"data\": 1} trailing`  | not valid JSON",
    })
    void aForeignOrCorruptMessageIsRefusedWithAReason(String message, String reason) {
        assertThatThrownBy(() -> FlaskSseCodec.decode(message))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(reason);
    }
}
