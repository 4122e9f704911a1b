package dev.herald.server.webhook;

import dev.herald.options.Loopback;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may deliver to the webhook, decided once at start from the address Herald listens on and whether a secret is
 * set. With a secret, every delivery must be signed. Without one, deliveries are taken unsigned only while Herald
 * listens on a loopback address, where only this machine can reach it (as the seed's Flask app does); on any other
 * address, anyone who can reach Herald could make every browser show what they like, so the webhook is off.
 */
public enum WebhookAccess {

    /** A secret is set: every delivery must carry a valid signature. */
    SIGNED,
    /** No secret, a loopback address: deliveries are taken unsigned. */
    UNSIGNED_ON_LOOPBACK,
    /** No secret, another address: every delivery is refused with 403. */
    OFF;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookAccess.class);

    /** The answer a delivery gets while the webhook is {@link #OFF}. */
    static final String OFF_PROBLEM = "The GitHub webhook is off: Herald listens on a non-loopback address without a "
            + "secret; set --github-webhook-secret or HERALD_GITHUB_WEBHOOK_SECRET, and the same secret on GitHub";

    /**
     * The access for a listening address ({@code --host}) and the webhook's options. Loopback is decided by
     * {@link Loopback#isLoopback}: from the text alone, {@code 0.0.0.0} and {@code ::} are not loopback.
     */
    public static WebhookAccess of(String host, GitHubWebhookOptions options) {
        if (options.signed()) {
            return SIGNED;
        }
        return Loopback.isLoopback(host) ? UNSIGNED_ON_LOOPBACK : OFF;
    }

    /** What to warn about at start, if anything: the webhook taking unsigned deliveries, or being off. */
    public Optional<String> startWarning() {
        return switch (this) {
            case SIGNED -> Optional.empty();
            case UNSIGNED_ON_LOOPBACK -> Optional.of("POST /webhook/github accepts unsigned deliveries because Herald "
                    + "listens on a loopback address and no secret is set; set --github-webhook-secret or "
                    + "HERALD_GITHUB_WEBHOOK_SECRET to require GitHub's signature");
            case OFF -> Optional.of("POST /webhook/github is off: Herald listens on a non-loopback address and no "
                    + "secret is set, so every delivery is refused with 403; set --github-webhook-secret or "
                    + "HERALD_GITHUB_WEBHOOK_SECRET to turn it on");
        };
    }

    /** Logs {@link #startWarning()} once, as a warning; called by whoever starts Herald. */
    public void warnAtStart() {
        startWarning().ifPresent(warning -> LOG.warn(warning));
    }
}
