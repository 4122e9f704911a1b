package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StampTest {

    @Test
    void dataIsSequenceThenSendTimeThenAcknowledgedBelow() {
        Stamp stamp = new Stamp(Stamp.MEASURED_BASE + 7, 123_456_789_012L, Stamp.MEASURED_BASE + 3);

        assertThat(stamp.format()).isEqualTo("1000000007 123456789012 1000000003");
        assertThat(Stamp.parse(stamp.format())).isEqualTo(stamp);
        assertThat(stamp.measured()).isTrue();
        assertThat(new Stamp(7, 1, 0).measured()).isFalse();
    }

    @Test
    void aNegativeSendTimeReadsBack() {
        Stamp stamp = new Stamp(0, -42, 0);

        assertThat(Stamp.parse(stamp.format())).isEqualTo(stamp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12", "12 34", "a b c", "1 2 3x", "{\"progress\":40}"})
    void otherDataIsRefused(String data) {
        assertThatThrownBy(() -> Stamp.parse(data)).isInstanceOf(IllegalArgumentException.class);
    }
}
