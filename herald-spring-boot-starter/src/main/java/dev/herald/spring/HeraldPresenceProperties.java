package dev.herald.spring;

import dev.herald.access.ChannelPatterns;
import dev.herald.options.InvalidOptionException;
import dev.herald.presence.PresenceOptions;
import dev.herald.options.Option;
import java.time.Duration;

/**
 * Presence, {@code herald.presence-channels} and {@code herald.presence-ttl}: a part of {@link HeraldProperties} (which
 * extends it), kept apart to keep that class short. Each stands for its declaration
 * ({@link PresenceOptions#PRESENCE_CHANNELS}, {@link PresenceOptions#PRESENCE_TTL}).
 */
public abstract class HeraldPresenceProperties extends HeraldHistoryProperties {

    /** The declarations behind these properties, as {@link HeraldProperties#DECLARED} lists them. */
    static final Option<String> PRESENCE_CHANNELS = PresenceOptions.PRESENCE_CHANNELS;
    static final Option<Duration> PRESENCE_TTL = PresenceOptions.PRESENCE_TTL;

    private String presenceChannels;
    private Duration presenceTtl = PRESENCE_TTL.defaultValue();

    /** Which channels announce join and leave; throws {@link InvalidOptionException} for a bad value. */
    public PresenceOptions presenceOptions() {
        return new PresenceOptions(ChannelPatterns.parse(presenceChannels), presenceTtl);
    }

    public String getPresenceChannels() {
        return presenceChannels;
    }

    public void setPresenceChannels(String presenceChannels) {
        this.presenceChannels = presenceChannels;
    }

    public Duration getPresenceTtl() {
        return presenceTtl;
    }

    public void setPresenceTtl(Duration presenceTtl) {
        this.presenceTtl = presenceTtl;
    }
}
