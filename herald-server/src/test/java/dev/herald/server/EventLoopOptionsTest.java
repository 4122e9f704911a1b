package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import org.junit.jupiter.api.Test;

/** The event loops and transport are checked where their record is built, and a refusal names the option. */
class EventLoopOptionsTest {

    @Test
    void theDefaultIsOneLoopPerCoreOverTheNativeTransport() {
        EventLoopOptions defaults = EventLoopOptions.defaults();
        assertThat(defaults.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.nativeTransport()).isTrue();
        assertThat(HeraldConfig.defaults().loops()).isEqualTo(defaults);
    }

    @Test
    void fromOneTo256LoopsAreTaken() {
        assertThat(new EventLoopOptions(1, false).eventLoops()).isEqualTo(1);
        assertThat(new EventLoopOptions(256, true).eventLoops()).isEqualTo(256);
    }

    @Test
    void noLoopOrMoreThan256AreRefused() {
        assertThatThrownBy(() -> new EventLoopOptions(0, true))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.option()).isEqualTo("event-loops");
                    assertThat(e.problem()).isEqualTo("must be between 1 and 256, got 0");
                });
        assertThatThrownBy(() -> EventLoopOptions.defaults().withEventLoops(257))
                .isInstanceOfSatisfying(InvalidOptionException.class, e ->
                        assertThat(e.problem()).isEqualTo("must be between 1 and 256, got 257"));
    }
}
