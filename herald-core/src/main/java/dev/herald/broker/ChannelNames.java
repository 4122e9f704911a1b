package dev.herald.broker;

import dev.herald.access.ChannelPattern;

/**
 * The rule for channel names, shared by publishers and subscribers. Names beginning with {@value #RESERVED_PREFIX} are
 * Herald's own (as MQTT reserves {@code $SYS}): the node's status for the console, {@value #STATUS}. They pass
 * {@link #check}, which every ingress and the brokers apply, so they travel like any channel between nodes; the public
 * doors (a stream's or poll's channels, a publish) refuse them with {@link #checkPublic}.
 */
public final class ChannelNames {

    /** The channel of flask-sse and of the seed, used when none is named. */
    public static final String DEFAULT = "sse";
    /** The longest channel name accepted, in UTF-16 characters. */
    public static final int MAX_LENGTH = 200;

    /** The first character of the channels reserved to Herald. */
    public static final String RESERVED_PREFIX = "$";
    /** Where every node announces its status once a second, for the console ({@code event: node}). */
    public static final String STATUS = "$herald.status";

    private ChannelNames() {
    }

    /**
     * Returns the name when it is valid.
     *
     * @throws InvalidChannelException when it is null, empty, too long or holds a control character
     */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidChannelException("channel name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidChannelException("channel name must be at most " + MAX_LENGTH + " characters, got " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new InvalidChannelException("channel name must not contain control characters (found U+"
                        + String.format("%04X", (int) name.charAt(i)) + " at position " + i + ")");
            }
        }
        return name;
    }

    /**
     * Whether a subscription names a pattern rather than one channel: it holds {@value ChannelPattern#WILDCARD}
     * ({@link ChannelPattern}'s grammar, the grammar of a token's grants). There is no escape: a subscription to a
     * channel whose name holds {@code *} is the pattern of that name, which matches the channel itself among others.
     */
    public static boolean isPattern(String subscription) {
        return ChannelPattern.isPattern(subscription);
    }

    /**
     * Whether a subscription receives the events of {@code channel}: it names the channel, or it is a pattern matching
     * it. A pattern never matches a reserved channel ({@value #RESERVED_PREFIX}...), whatever it says ({@code *}).
     */
    public static boolean receives(String subscription, String channel) {
        if (subscription.equals(channel)) {
            return true;
        }
        return isPattern(subscription) && !isReserved(channel) && ChannelPattern.of(subscription).matches(channel);
    }

    /** Whether the name is one of Herald's own ({@value #RESERVED_PREFIX}...): no client may publish or subscribe to it. */
    public static boolean isReserved(String name) {
        return name != null && name.startsWith(RESERVED_PREFIX);
    }

    /**
     * {@link #check}, and not a reserved name: the rule of a channel a client names.
     *
     * @throws InvalidChannelException as {@link #check} does, and for a name beginning with {@value #RESERVED_PREFIX}
     */
    public static String checkPublic(String name) {
        check(name);
        if (isReserved(name)) {
            throw new InvalidChannelException("channel " + name + " is reserved: names beginning with "
                    + RESERVED_PREFIX + " are Herald's own (its console's status), not for publishing or subscribing");
        }
        return name;
    }
}
