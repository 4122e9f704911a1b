package dev.herald.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.StoredEvent;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnnouncementTest {

    @Test
    void aMessageGivesEpochSequenceAndTheJsonWithItsSpaces() {
        Announcement parsed = Announcement.parse("news", "1760000000123 42 {\"data\": \"a b c\"}");

        assertThat(parsed).isEqualTo(new Announcement("news", 1_760_000_000_123L, 42, "{\"data\": \"a b c\"}"));
    }

    @Test
    void anEmptyEventIsLeftForTheCodecToJudge() {
        assertThat(Announcement.parse("news", "1 2 ")).isEqualTo(new Announcement("news", 1, 2, ""));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "garbage", "1", "1 2", "x 2 {}", "1 y {}", "1  2 {}", "1.5 2 {}", "99999999999999999999 2 {}"})
    void aMessageWithoutTwoNumbersAndAnEventIsMalformed(String message) {
        assertThat(Announcement.parse("news", message)).isNull();
    }

    @Test
    void anEventWithoutIdGetsTheIdOfItsPlace() {
        StoredEvent stored = new Announcement("news", 1_760_000_000_123L, 42, "{\"data\": \"hi\"}").decoded();

        assertThat(stored.channel()).isEqualTo("news");
        assertThat(stored.sequence()).isEqualTo(StreamOrder.pack(1_760_000_000_123L, 42));
        assertThat(stored.event()).isEqualTo(new SseEvent("1760000000123-42", null, "hi", null));
    }

    @Test
    void aPublishersOwnIdIsKept() {
        StoredEvent stored = new Announcement("news", 1000, 7, "{\"data\": \"hi\", \"id\": \"order-17\"}").decoded();

        assertThat(stored.event().id()).isEqualTo("order-17");
    }

    @Test
    void anEventThatIsNotFlaskSseJsonIsRefused() {
        assertThatThrownBy(() -> new Announcement("news", 1, 2, "{not json").decoded())
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void anEventOnSeveralChannelsNamesThemBeforeItsJson() throws Exception {
        Announcement parsed = Announcement.parse("b", "1 7 [\"a\",\"b c\",\"b\"]{\"data\": \"x\"}");

        assertThat(parsed.channels()).containsExactly("a", "b c", "b");
        assertThat(parsed.json()).isEqualTo("{\"data\": \"x\"}");
        assertThat(parsed.decodedOnEach()).extracting(StoredEvent::channel).containsExactly("a", "b c", "b");
        assertThat(parsed.decodedOnEach()).extracting(StoredEvent::sequence).containsOnly(parsed.order());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"1 7 [\"a\",\"c\"]{}", "1 7 [\"a\",2]{}", "1 7 [\"b\"", "1 7 [\"b\"}"})
    void aChannelListWithoutItsOwnChannelOrUnreadableIsMalformed(String message) {
        assertThat(Announcement.parse("b", message)).isNull();
    }
}
