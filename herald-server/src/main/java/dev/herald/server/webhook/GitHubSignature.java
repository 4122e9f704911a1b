package dev.herald.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code X-Hub-Signature-256} header of a delivery, as GitHub's "Validating webhook deliveries" describes:
 * {@code sha256=} followed by the lowercase hex HMAC-SHA256 of the raw request body, keyed with the webhook's secret
 * (UTF-8). The body is the bytes as received: JSON parsed and written again would not match. The digests are compared
 * in constant time. Pure: no HTTP, no clock; safe from any thread.
 */
final class GitHubSignature {

    /** The header GitHub signs with. */
    static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";
    private static final Pattern FORM = Pattern.compile("sha256=[0-9a-f]{64}");

    /** What a check found; every outcome but {@link #VALID} is refused, with {@link #problem()} as the answer. */
    enum Verdict {
        VALID(""),
        MISSING(HEADER + " is missing; this webhook needs a secret, set the same one on GitHub"),
        MALFORMED(HEADER + " must be sha256= followed by 64 lowercase hex digits"),
        MISMATCH(HEADER + " does not match the body; check that GitHub and Herald have the same secret");

        private final String problem;

        Verdict(String problem) {
            this.problem = problem;
        }

        /** The sentence a refused sender receives; it names the header, never the secret or the expected digest. */
        String problem() {
            return problem;
        }
    }

    private final SecretKeySpec key;

    GitHubSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("a signature needs a secret; without one, do not check signatures");
        }
        this.key = HmacSha256.key(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The header GitHub would send with {@code body}: {@code sha256=<64 lowercase hex digits>}. */
    String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(body));
    }

    /** Checks a header value ({@code null} when absent) against the raw body. */
    Verdict check(String header, byte[] body) {
        if (header == null || header.isEmpty()) {
            return Verdict.MISSING;
        }
        if (!FORM.matcher(header).matches()) {
            return Verdict.MALFORMED;
        }
        byte[] given = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
        return MessageDigest.isEqual(mac(body), given) ? Verdict.VALID : Verdict.MISMATCH;
    }

    private byte[] mac(byte[] body) {
        return HmacSha256.of(key, body);
    }
}
