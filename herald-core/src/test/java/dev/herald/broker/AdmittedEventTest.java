package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import org.junit.jupiter.api.Test;

/** The door every event passes on its way to a broker. */
class AdmittedEventTest {

    @Test
    void idOfHeraldsOwnFormIsRefused() {
        assertThatThrownBy(() -> new AdmittedEvent("a", new SseEvent("123-456", null, "x", null)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("123-456");
        assertThatThrownBy(() -> new AdmittedEvent("a", new SseEvent("0-0", null, "x", null)))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void idOfTheFormOfAPartitionCursorIsRefused() {
        assertThatThrownBy(() -> new AdmittedEvent("a", new SseEvent("~3lq8x0k2m1~alq8x0k9zz", null, "x", null)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("has the form of Herald's cursors");
        assertThatThrownBy(() -> new AdmittedEvent("a", new SseEvent("~0", null, "x", null)))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void idsThatOnlyLookLikeHeraldsAreAdmitted() {
        for (String id : new String[] {"v1-2", "1-2-3", "12", "h3k9-12", "-1", "1-", "~", "~A1", "a~b1", "~x1~"}) {
            assertThat(new AdmittedEvent("a", new SseEvent(id, null, "x", null)).event().id()).isEqualTo(id);
        }
    }

    @Test
    void emptyIdIsRefusedBecauseItWouldResetTheClientsLastEventId() {
        assertThatThrownBy(() -> new AdmittedEvent("a", new SseEvent("", null, "x", null)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("must not be empty");
    }

    @Test
    void idLongerThanTheMaximumIsRefusedSoThatEveryIdCanResume() {
        String longest = "i".repeat(HeraldId.MAX_LENGTH);
        assertThat(new AdmittedEvent("a", new SseEvent(longest, null, "x", null)).event().id()).isEqualTo(longest);
        assertThatThrownBy(() -> new AdmittedEvent("a", new SseEvent(longest + "i", null, "x", null)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("id must be at most 256 characters (a client sends it back in a header or a URL to "
                        + "resume), got 257");
    }

    @Test
    void eventWithoutIdIsAdmitted() {
        assertThat(new AdmittedEvent("a", SseEvent.of("t", "x")).event().id()).isNull();
    }

    @Test
    void invalidChannelIsRefused() {
        assertThatThrownBy(() -> new AdmittedEvent("", SseEvent.of(null, "x"))).isInstanceOf(InvalidChannelException.class);
        assertThatThrownBy(() -> new AdmittedEvent("a\nb", SseEvent.of(null, "x"))).isInstanceOf(InvalidChannelException.class);
        assertThatThrownBy(() -> new AdmittedEvent("x".repeat(ChannelNames.MAX_LENGTH + 1), SseEvent.of(null, "x")))
                .isInstanceOf(InvalidChannelException.class);
    }

    @Test
    void missingEventIsRefused() {
        assertThatThrownBy(() -> new AdmittedEvent("a", null)).isInstanceOf(NullPointerException.class);
    }
}
