package dev.herald.server.webhook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Standard Webhooks Herald takes, by name, usually read from a file ({@link WebhooksFile}). Immutable.
 *
 * @param byName each webhook under its name, in the order they were given
 */
public record StandardWebhooks(Map<String, StandardWebhookOptions> byName) {

    public StandardWebhooks {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        byName.forEach((name, webhook) -> {
            if (!name.equals(webhook.name())) {
                throw new IllegalArgumentException("webhook " + webhook.name() + " is filed under another name, " + name);
            }
        });
    }

    /** None: every {@code POST /webhook/<name>} but GitHub's is a 404. */
    public static StandardWebhooks none() {
        return new StandardWebhooks(Map.of());
    }

    /** These webhooks, by their names. */
    public static StandardWebhooks of(List<StandardWebhookOptions> webhooks) {
        Map<String, StandardWebhookOptions> byName = new LinkedHashMap<>();
        for (StandardWebhookOptions webhook : webhooks) {
            if (byName.putIfAbsent(webhook.name(), webhook) != null) {
                throw StandardWebhookOptions.invalid(webhook.name(), "the name is given twice");
            }
        }
        return new StandardWebhooks(byName);
    }

    /** The webhook of that name, if there is one. */
    public Optional<StandardWebhookOptions> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
