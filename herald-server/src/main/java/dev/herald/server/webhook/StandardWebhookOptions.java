package dev.herald.server.webhook;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.InvalidChannelException;
import dev.herald.options.InvalidOptionException;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import java.util.regex.Pattern;

/**
 * One webhook that follows the Standard Webhooks specification, at {@code POST /webhook/<name>}: whose deliveries it
 * takes (signed with {@code secret}) and what it publishes for each (an event of {@code type} on {@code channel},
 * with {@code message} written from the body). Checked where it is built; a refusal is named by the option key
 * {@value #OPTION}, since these come from that file.
 *
 * @param name    the path segment, 1 to 64 of {@code a-z}, {@code 0-9} and {@code -}; not {@code github}
 * @param secret  the signing secret, {@code whsec_<base64>}
 * @param channel the channel the events go to (a valid channel name)
 * @param type    the events' type, such as {@code notify} (no line break)
 * @param message the events' message, written from the body
 * @throws InvalidOptionException when a value is missing or invalid
 */
public record StandardWebhookOptions(String name, WebhookSecret secret, String channel, String type,
                                     MessageTemplate message) {

    /** The option key: the file the webhooks are described in. */
    public static final String OPTION = "webhooks-file";
    /** The type of the events when none is set: the one the seed's page shows. */
    public static final String DEFAULT_TYPE = "notify";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");

    public StandardWebhookOptions {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidOptionException(OPTION, "webhook names must be 1 to 64 of a-z, 0-9 and -, got "
                    + (name == null ? "none" : "\"" + name + "\""));
        }
        if (name.equals(GitHubWebhookRoute.WEBHOOK)) {
            throw invalid(name, "the name is taken by GitHub's webhook at " + GitHubWebhookRoute.PATH
                    + " (its options are --github-webhook-*); choose another");
        }
        if (secret == null) {
            throw invalid(name, "secret must be given (" + WebhookSecret.PREFIX + " followed by base64)");
        }
        try {
            ChannelNames.check(channel);
        } catch (InvalidChannelException bad) {
            throw invalid(name, bad.getMessage());
        }
        if (type == null || type.isEmpty()) {
            throw invalid(name, "type must not be empty; leave it out for " + DEFAULT_TYPE);
        }
        try {
            SseEvent.of(type, "");
        } catch (InvalidEventException bad) {
            throw invalid(name, bad.getMessage());
        }
        if (message == null) {
            throw invalid(name, "message must be given, such as \"{{type}} for {{data.id}}\"");
        }
    }

    /** A refusal of a value of the webhook {@code name}. */
    static InvalidOptionException invalid(String name, String problem) {
        return new InvalidOptionException(OPTION, "webhook \"" + name + "\": " + problem);
    }
}
