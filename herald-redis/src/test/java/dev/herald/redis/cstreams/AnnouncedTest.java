package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The live messages of a partition: an event's announcement, or a loss notice. */
class AnnouncedTest {

    @Test
    void anAnnouncementCarriesTheStampTheNewestBeforeItTheChannelAndTheEvent() {
        Announced announced = Announced.parse("1700000000000123/1700000000000100 news\n{\"data\":\"x\"}");

        assertThat(announced).isEqualTo(new Announced("news", 1700000000000123L, 1700000000000100L, "{\"data\":\"x\"}"));
        assertThat(LossNotice.parse("1700000000000123/1700000000000100 news\n{}")).isNull();
    }

    @Test
    void malformedAnnouncementsAreNone() {
        assertThat(Announced.parse("1700000000000123 news\n{}")).as("no stamp before it").isNull();
        assertThat(Announced.parse("17x/5 news\n{}")).isNull();
        assertThat(Announced.parse("17/5 news")).isNull();
        assertThat(Announced.parse("lost 17")).isNull();
    }

    @Test
    void aLossNoticeCarriesTheNewestStampLost() {
        assertThat(LossNotice.parse("lost 1700000000000123")).isEqualTo(new LossNotice(1700000000000123L));
        assertThat(LossNotice.parse("lost x")).isNull();
        assertThat(LossNotice.parse("1/0 lost\n{}")).isNull();
    }
}
