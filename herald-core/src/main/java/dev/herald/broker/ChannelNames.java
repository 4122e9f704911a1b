package dev.herald.broker;

/** The rule for channel names, shared by publishers and subscribers. */
public final class ChannelNames {

    /** The channel of flask-sse and of the seed, used when none is named. */
    public static final String DEFAULT = "sse";
    /** The longest channel name accepted, in UTF-16 characters. */
    public static final int MAX_LENGTH = 200;

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
}
