package dev.herald.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseEventTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\0b", "\r\n", "1\ndata: injected"})
    void idWithCarriageReturnLineFeedOrNulIsRefused(String id) {
        assertThatThrownBy(() -> new SseEvent(id, null, "x", null))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("id must not contain CR, LF or NUL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "update\ndata: injected"})
    void typeWithCarriageReturnOrLineFeedIsRefused(String type) {
        assertThatThrownBy(() -> new SseEvent(null, type, "x", null))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("event type must not contain CR or LF");
    }

    @Test
    void refusalShowsTheLineBreakVisibly() {
        assertThatThrownBy(() -> new SseEvent("a\nb", null, "x", null)).hasMessageContaining("\"a\\nb\"");
    }

    @Test
    void negativeRetryIsRefused() {
        assertThatThrownBy(() -> new SseEvent(null, null, "x", -1L)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void zeroRetryIsAccepted() {
        assertThat(new SseEvent(null, null, "x", 0L).retryMillis()).isZero();
    }

    @Test
    void nullDataIsRefused() {
        assertThatThrownBy(() -> new SseEvent(null, null, null, null)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void emptyDataIsAccepted() {
        assertThat(new SseEvent(null, null, "", null).data()).isEmpty();
    }

    @Test
    void dataMayHoldLineBreaksAndNul() {
        assertThat(new SseEvent(null, null, "a\r\nb\rc\nd\0", null).data()).isEqualTo("a\r\nb\rc\nd\0");
    }

    @Test
    void emptyTypeIsTreatedAsNone() {
        SseEvent event = new SseEvent(null, "", "x", null);

        assertThat(event.type()).isNull();
        assertThat(event).isEqualTo(SseEvent.of(null, "x"));
    }

    @Test
    void emptyIdIsKept() {
        assertThat(new SseEvent("", null, "x", null).id()).isEmpty();
    }

    @Test
    void withIdKeepsTheOtherFields() {
        SseEvent event = new SseEvent(null, "t", "d", 5L).withId("9");

        assertThat(event).isEqualTo(new SseEvent("9", "t", "d", 5L));
    }

    @Test
    void withIdChecksTheNewId() {
        assertThatThrownBy(() -> SseEvent.of("t", "d").withId("9\r")).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void ofHasNoIdAndNoRetry() {
        assertThat(SseEvent.of("t", "d")).isEqualTo(new SseEvent(null, "t", "d", null));
    }
}
