package dev.herald.access;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What one caller may do: publish on the channels {@code publish} covers, subscribe to those {@code subscribe} covers.
 * Where the grants came from (a token's claims, the embedding application) is the adapter's business.
 *
 * @param publish   the channels the caller may publish on
 * @param subscribe the channels the caller may subscribe to
 */
public record Grants(ChannelPatterns publish, ChannelPatterns subscribe) {

    /** Nothing at all. */
    public static final Grants NONE = new Grants(ChannelPatterns.NONE, ChannelPatterns.NONE);
    /** Everything: publishing and subscribing on every channel. */
    public static final Grants ALL = new Grants(ChannelPatterns.ALL, ChannelPatterns.ALL);

    public Grants {
        Objects.requireNonNull(publish, "publish patterns");
        Objects.requireNonNull(subscribe, "subscribe patterns");
    }

    /** Grants from the patterns' texts. */
    public static Grants of(Collection<String> publish, Collection<String> subscribe) {
        return new Grants(ChannelPatterns.of(publish), ChannelPatterns.of(subscribe));
    }

    public boolean mayPublish(String channel) {
        return publish.covers(channel);
    }

    public boolean maySubscribe(String channel) {
        return subscribe.covers(channel);
    }

    /** Those of {@code channels} this caller may not subscribe to, in their order; empty when it may read them all. */
    public List<String> refusedSubscriptions(Collection<String> channels) {
        return channels.stream().filter(channel -> !maySubscribe(channel)).toList();
    }
}
