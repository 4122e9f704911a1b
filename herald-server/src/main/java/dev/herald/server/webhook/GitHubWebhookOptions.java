package dev.herald.server.webhook;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.InvalidChannelException;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;

/**
 * How {@code POST /webhook/github} checks and publishes GitHub's deliveries.
 *
 * @param secret  the webhook's secret, as typed on GitHub (option {@code github-webhook-secret}); {@code null} or
 *                empty when none is set, which this record keeps as {@code null}
 * @param channel the channel the notifications go to (option {@code github-webhook-channel}; a valid channel name)
 * @throws InvalidOptionException when the channel is not a valid channel name
 */
public record GitHubWebhookOptions(String secret, String channel) {

    /** The option key of the secret. */
    public static final String SECRET_OPTION = "github-webhook-secret";
    /** The option key of the channel. */
    public static final String CHANNEL_OPTION = "github-webhook-channel";

    public GitHubWebhookOptions {
        secret = secret == null || secret.isEmpty() ? null : secret;
        OptionChecks.present(CHANNEL_OPTION, channel);
        try {
            ChannelNames.check(channel);
        } catch (InvalidChannelException invalid) {
            throw new InvalidOptionException(CHANNEL_OPTION, invalid.getMessage());
        }
    }

    /** No secret, the default channel ({@value ChannelNames#DEFAULT}, the seed's). */
    public static GitHubWebhookOptions defaults() {
        return new GitHubWebhookOptions(null, ChannelNames.DEFAULT);
    }

    /** Whether deliveries must be signed with a secret. */
    public boolean signed() {
        return secret != null;
    }

    public GitHubWebhookOptions withSecret(String newSecret) {
        return new GitHubWebhookOptions(newSecret, channel);
    }

    public GitHubWebhookOptions withChannel(String newChannel) {
        return new GitHubWebhookOptions(secret, newChannel);
    }

    /** Says whether a secret is set, never what it is: records print every field, and configs get logged. */
    @Override
    public String toString() {
        return "GitHubWebhookOptions[secret=" + (signed() ? "(set)" : "(none)") + ", channel=" + channel + "]";
    }
}
