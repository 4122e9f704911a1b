package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLevelsTest {

    private static LogLevels parse(String text) {
        return LogLevels.parse("log-level", text);
    }

    @Test
    void aLevelAloneIsEveryLoggersLevel() {
        assertThat(parse("debug")).isEqualTo(new LogLevels("debug", Map.of()));
        assertThat(parse(" WARN ")).isEqualTo(new LogLevels("warn", Map.of()));
    }

    @Test
    void namedLoggersKeepTheirOrderAndTheRestStayAtInfo() {
        LogLevels levels = parse("dev.herald=debug, io.netty=ERROR,dev.herald.access=off");
        assertThat(levels.root()).isEqualTo("info");
        assertThat(levels.byLogger()).containsExactly(Map.entry("dev.herald", "debug"), Map.entry("io.netty", "error"),
                Map.entry("dev.herald.access", "off"));
        assertThat(levels).hasToString("info,dev.herald=debug,io.netty=error,dev.herald.access=off");
        assertThat(parse("warn,io.vertx=info").root()).isEqualTo("warn");
    }

    @Test
    void aWordThatIsNotALevelIsNamed() {
        assertThatThrownBy(() -> parse("verbose")).isInstanceOf(InvalidOptionException.class)
                .hasMessage("log-level 'verbose' is not a level; use one of trace, debug, info, warn, error, off");
        assertThatThrownBy(() -> parse("dev.herald=warning"))
                .hasMessage("log-level 'warning' is not a level; use one of trace, debug, info, warn, error, off");
        assertThatThrownBy(() -> parse("dev.herald=")).hasMessageContaining("'' is not a level");
    }

    @Test
    void anItemThatNamesNoLoggerIsNamed() {
        assertThatThrownBy(() -> parse("info,=debug"))
                .hasMessage("log-level item '=debug' does not name a logger; write logger=level, as dev.herald=debug");
        assertThatThrownBy(() -> parse("dev herald=debug")).hasMessageContaining("item 'dev herald=debug'");
        assertThatThrownBy(() -> parse("info,,dev.herald=debug")).hasMessageContaining("'' is not a level");
    }

    @Test
    void aLevelGivenTwiceIsRefused() {
        assertThatThrownBy(() -> parse("info,debug"))
                .hasMessage("log-level gives the level of every logger twice ('info' and 'debug'); name a logger as "
                        + "logger=level");
        assertThatThrownBy(() -> parse("io.netty=warn,io.netty=debug"))
                .hasMessage("log-level gives the level of io.netty twice");
        assertThatThrownBy(() -> parse(" ")).hasMessageContaining("got nothing");
    }

    @Test
    void theOptionNormalisesWhatItAccepts() {
        assertThat(LogOptions.LOG_LEVEL.check("WARN,dev.herald=Debug")).isEqualTo("warn,dev.herald=debug");
        assertThat(LogOptions.LOG_FORMAT.check("JSON")).isEqualTo("json");
        assertThatThrownBy(() -> LogOptions.LOG_FORMAT.check("xml")).hasMessage("log-format must be text or json, got xml");
        assertThat(LogOptions.defaults()).isEqualTo(new LogOptions(LogOptions.Format.TEXT, new LogLevels("info", Map.of()),
                false));
    }
}
