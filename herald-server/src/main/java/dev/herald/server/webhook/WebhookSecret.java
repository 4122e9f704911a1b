package dev.herald.server.webhook;

import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the key in base64, as the specification serialises
 * symmetric secrets; the HMAC key is the decoded bytes. Checked once, when parsed. Never printed.
 */
public final class WebhookSecret {

    /** The prefix the specification puts before a symmetric secret. */
    public static final String PREFIX = "whsec_";

    private final SecretKeySpec key;

    private WebhookSecret(byte[] key) {
        this.key = HmacSha256.key(key);
    }

    /**
     * The secret written as {@code whsec_<base64>}.
     *
     * @throws IllegalArgumentException with a phrase that says what is wrong, never repeating the secret
     */
    public static WebhookSecret parse(String written) {
        if (written == null || written.isEmpty()) {
            throw new IllegalArgumentException("secret must be given (" + PREFIX + " followed by base64)");
        }
        if (!written.startsWith(PREFIX)) {
            throw new IllegalArgumentException("secret must start with " + PREFIX + ", as the sender shows it");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(written.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("secret must be " + PREFIX + " followed by base64, and what follows "
                    + PREFIX + " is not base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("secret must be " + PREFIX + " followed by base64, and nothing follows "
                    + PREFIX);
        }
        return new WebhookSecret(key);
    }

    /** The HMAC-SHA256 key. */
    SecretKeySpec key() {
        return key;
    }

    /** Says that a secret is set, never what it is: options get logged. */
    @Override
    public String toString() {
        return PREFIX + "(hidden)";
    }
}
