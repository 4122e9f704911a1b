package dev.herald.spring;

import dev.herald.access.ChannelPatterns;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.HistoryRule;
import dev.herald.hub.HubOptions;
import dev.herald.options.InvalidOptionException;
import dev.herald.publish.Idempotency;
import java.time.Duration;
import java.util.List;

/**
 * The retention rules, latest-value channels and idempotency window, {@code herald.history},
 * {@code herald.latest-value-channels} and {@code herald.idempotency-window}: a part of {@link HeraldProperties} (which
 * extends it), kept apart to keep that class short. Each stands for its declaration ({@link HistoryPolicy#HISTORY},
 * {@link HubOptions#LATEST_VALUE_CHANNELS}, {@link Idempotency#WINDOW}). The rules are one text
 * separated by {@code ;}, not a list: a list property would split each rule at its comma.
 */
public abstract class HeraldHistoryProperties extends HeraldBackpressureProperties {

    private String history;
    private String latestValueChannels;
    private Duration idempotencyWindow = Idempotency.WINDOW.defaultValue();

    /** The rules of {@code herald.history}; throws {@link InvalidOptionException} naming the rule that does not parse. */
    List<HistoryRule> historyRules() {
        return HistoryPolicy.rules(history);
    }

    /** The patterns of {@code herald.latest-value-channels}; none when not set. */
    ChannelPatterns latestValueChannels() {
        return ChannelPatterns.parse(latestValueChannels);
    }

    public String getHistory() {
        return history;
    }

    public void setHistory(String history) {
        this.history = history;
    }

    public Duration getIdempotencyWindow() {
        return idempotencyWindow;
    }

    public void setIdempotencyWindow(Duration idempotencyWindow) {
        this.idempotencyWindow = idempotencyWindow;
    }

    public String getLatestValueChannels() {
        return latestValueChannels;
    }

    public void setLatestValueChannels(String latestValueChannels) {
        this.latestValueChannels = latestValueChannels;
    }
}
