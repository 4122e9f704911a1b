package dev.herald.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.request.SseRoutesOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A declaration says everything about its option once; the records check through it. */
class OptionTest {

    @Test
    void aDeclarationCarriesKeyDefaultUnitSentenceCheckAndVariable() {
        Option<Integer> option = LimitsOptions.MAX_STREAMS;
        assertThat(option.key()).isEqualTo("max-streams");
        assertThat(option.type()).isEqualTo(Integer.class);
        assertThat(option.defaultValue()).isEqualTo(10_000);
        assertThat(option.unit()).contains("streams");
        assertThat(option.description()).isNotBlank().doesNotEndWith(".");
        assertThat(option.env()).isEqualTo("HERALD_MAX_STREAMS");
        assertThatThrownBy(() -> option.check(0)).isInstanceOfSatisfying(InvalidOptionException.class, e ->
                assertThat(e.getMessage()).isEqualTo("max-streams must be at least 1 stream, got 0"));
    }

    @Test
    void everyVariableIsHeraldsAndAnOlderNameIsDeclaredAsDeprecated() {
        Option<String> option = Option.of("redis", String.class).deprecatedEnv("REDIS_URL");
        assertThat(option.env()).isEqualTo("HERALD_REDIS");
        assertThat(option.deprecatedEnv()).contains("REDIS_URL");
        assertThat(LimitsOptions.MAX_STREAMS.deprecatedEnv()).isEmpty();
        assertThatThrownBy(() -> option.deprecatedEnv("HERALD_REDIS_URL")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAreWrittenAsTheCommandLineReadsThem() {
        assertThat(HubOptions.HEARTBEAT.defaultText()).isEqualTo("15s");
        assertThat(HistoryPolicy.HISTORY_AGE.defaultText()).isEqualTo("1h");
        assertThat(SseRoutesOptions.BUFFER_LIMIT.defaultText()).isEqualTo("256KiB");
        assertThat(SseRoutesOptions.BODY_LIMIT.format(1000)).isEqualTo("1000");
        assertThat(LimitsOptions.PUBLISH_BURST.defaultText()).as("derived, not a value").isNull();
    }

    @Test
    void aDerivedDefaultIsAPhraseNotAValue() {
        assertThat(LimitsOptions.PUBLISH_BURST.hasDefaultValue()).isFalse();
        assertThat(LimitsOptions.PUBLISH_BURST.derivedDefault()).contains("twice publish-rate");
        assertThatThrownBy(LimitsOptions.PUBLISH_BURST::defaultValue).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("twice publish-rate");
    }

    @Test
    void anAliasKeepsTheRuleUnderAnotherKey() {
        Option<Integer> loops = EventLoops.EVENT_LOOPS.alias("loops");
        assertThatThrownBy(() -> loops.check(1000)).isInstanceOfSatisfying(InvalidOptionException.class, e ->
                assertThat(e.getMessage()).isEqualTo("loops must be between 1 and 256, got 1000"));
        assertThat(loops.description()).isEqualTo(EventLoops.EVENT_LOOPS.description());
    }

    @Test
    void aKeyIsKebabCase() {
        assertThatThrownBy(() -> Option.of("maxStreams", Integer.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCatalogueListsTheDeclarationsOfItsRecordsAndRefusesAKeyDeclaredTwice() {
        OptionCatalogue catalogue = OptionCatalogue.of(HubOptions.class, LimitsOptions.class);
        assertThat(catalogue.options()).containsExactly(HubOptions.HEARTBEAT, HubOptions.RETRY, HubOptions.SLOW_CLIENT_TIMEOUT,
                HubOptions.DRAIN_TIME, HubOptions.LATEST_VALUE_CHANNELS, HubOptions.PUBLISH_BACKLOG,
                HubOptions.PUBLISH_WAIT, LimitsOptions.MAX_STREAMS,
                LimitsOptions.MAX_STREAMS_PER_CLIENT, LimitsOptions.PUBLISH_RATE, LimitsOptions.PUBLISH_BURST,
                LimitsOptions.TOKEN_PUBLISH_RATE, LimitsOptions.TOKEN_PUBLISH_BURST, LimitsOptions.TRUSTED_PROXIES);
        assertThat(catalogue.find("retry")).contains(HubOptions.RETRY);
        assertThatThrownBy(() -> OptionCatalogue.of(HubOptions.class, TwiceDeclared.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("heartbeat is declared twice");
    }

    @Test
    void theRecordsDefaultsAreTheirDeclarations() {
        assertThat(HubOptions.defaults()).isEqualTo(new HubOptions(Duration.ofSeconds(15), Duration.ofSeconds(3),
                Duration.ofSeconds(30), Duration.ofSeconds(10)));
        assertThat(SseRoutesOptions.defaults()).isEqualTo(new SseRoutesOptions(256 * 1024, 64 * 1024, 64));
        assertThat(HistoryPolicy.defaults()).isEqualTo(new HistoryPolicy(1000, Duration.ofHours(1)));
    }

    /** A second declaration of a key that HubOptions declares. */
    static final class TwiceDeclared {
        public static final Option<Duration> HEARTBEAT = Option.of("heartbeat", Duration.class);
    }
}
