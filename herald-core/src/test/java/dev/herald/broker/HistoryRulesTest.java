package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistoryRulesTest {

    private static final HistoryPolicy POLICY = new HistoryPolicy(1000, Duration.ofHours(1), 1 << 20,
            HistoryPolicy.rules("prices.*=1,1h; chat-*=500,24h;;  *.audit=0,30s"));

    @Test
    void rulesSeparatedBySemicolonsAreReadInOrderBlanksSkipped() {
        assertThat(POLICY.rules()).containsExactly(new HistoryRule("prices.*", 1, Duration.ofHours(1)),
                new HistoryRule("chat-*", 500, Duration.ofHours(24)), new HistoryRule("*.audit", 0, Duration.ofSeconds(30)));
        assertThat(HistoryPolicy.rules(null)).isEmpty();
        assertThat(HistoryPolicy.rules(" ")).isEmpty();
    }

    @Test
    void theFirstMatchingRuleAppliesAndUnmatchedChannelsKeepTheDefaults() {
        assertThat(POLICY.retentionOf("prices.eur").maxEvents()).isEqualTo(1);
        assertThat(POLICY.retentionOf("prices.audit").maxEvents()).as("first match, not most specific").isEqualTo(1);
        assertThat(POLICY.retentionOf("chat-").maxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(POLICY.retentionOf("news")).isEqualTo(new HistoryRule("*", 1000, Duration.ofHours(1)));
        assertThat(POLICY.shortestAge()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRuleThatDoesNotParseIsRefusedNamingTheOptionAndQuotingTheRule() {
        assertThatThrownBy(() -> HistoryPolicy.rules("prices.*=1,1h; chat-*=500"))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("history")
                .hasMessageContaining("'chat-*=500' is not a rule");
        assertThatThrownBy(() -> HistoryPolicy.rules("=1,1h")).isInstanceOf(InvalidOptionException.class);
        assertThatThrownBy(() -> HistoryPolicy.rules("a=1,0s")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("positive age");
        assertThatThrownBy(() -> HistoryPolicy.rules("a=99999999999,1h")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> HistoryPolicy.HISTORY.check("a=1,1 week")).isInstanceOf(InvalidOptionException.class);
    }

    @Test
    void aRuleReadsBackAsWritten() {
        assertThat(HistoryRule.parse(" prices.* = 1 , 90m ").toString()).isEqualTo("prices.*=1,90m");
    }
}
