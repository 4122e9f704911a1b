package dev.herald.server.webhook;

import dev.herald.broker.ChannelNames;
import dev.herald.broker.InvalidChannelException;
import dev.herald.options.Check;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import dev.herald.options.OptionChecks;

/**
 * How {@code POST /webhook/github} checks and publishes GitHub's deliveries.
 *
 * @param secret  {@link #SECRET}, as typed on GitHub; {@code null} or empty when none is set, which this record keeps
 *                as {@code null}
 * @param channel {@link #CHANNEL}; a valid channel name
 * @throws InvalidOptionException when the channel is not a valid channel name
 */
public record GitHubWebhookOptions(String secret, String channel) {

    /** {@code GITHUB_WEBHOOK_SECRET}, the name GitHub's guides use and earlier versions read, is still read (deprecated). */
    public static final Option<String> SECRET = Option.of("github-webhook-secret", String.class)
            .deprecatedEnv("GITHUB_WEBHOOK_SECRET").secret()
            .description("The GitHub webhook's secret: every delivery to /webhook/github must then be signed with it. "
                    + "Without it, deliveries are taken unsigned only while Herald listens on a loopback address. "
                    + "Prefer the environment variable to the flag, which other users can see in the process list");

    public static final Option<String> CHANNEL = Option.of("github-webhook-channel", String.class)
            .defaultsTo(ChannelNames.DEFAULT)
            .check((option, channel) -> {
                OptionChecks.present(option, channel);
                try {
                    ChannelNames.check(channel);
                } catch (InvalidChannelException invalid) {
                    throw new InvalidOptionException(option, invalid.getMessage());
                }
                return channel;
            })
            .description("Channel the GitHub webhook's notify events go to");

    public GitHubWebhookOptions {
        secret = secret == null || secret.isEmpty() ? null : secret;
        CHANNEL.check(channel);
    }

    /** No secret, the default channel ({@value ChannelNames#DEFAULT}, the seed's). */
    public static GitHubWebhookOptions defaults() {
        return new GitHubWebhookOptions(null, CHANNEL.defaultValue());
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
