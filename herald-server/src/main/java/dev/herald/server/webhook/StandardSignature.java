package dev.herald.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Checks a delivery signed as the Standard Webhooks specification says ("Verifying webhook authenticity"): the
 * {@code webhook-signature} header is a space-separated list of {@code <version>,<signature>}; a {@code v1} signature
 * is the base64 HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<raw body>}, keyed with the decoded
 * {@code whsec_} secret. The delivery passes when any {@code v1} signature matches (senders sign with an old and a
 * new key while they rotate it); other versions ({@code v1a}, asymmetric) are passed over. The timestamp must be
 * within {@link #TOLERANCE} of now, so that a captured delivery cannot be replayed later. Compared in constant time.
 *
 * <p>Pure: the caller passes the clock's reading; safe from any thread.
 */
final class StandardSignature {

    static final String ID_HEADER = "webhook-id";
    static final String TIMESTAMP_HEADER = "webhook-timestamp";
    static final String SIGNATURE_HEADER = "webhook-signature";
    /** How far a delivery's timestamp may be from this server's clock, either way: the reference libraries' 5 minutes. */
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String VERSION = "v1";
    /** Unix seconds: digits, few enough to fit a long. */
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,18}");

    /** What a check found; every outcome but {@link #VALID} is refused with 401 and {@link #problem}. */
    enum Verdict {
        VALID, NO_ID, NO_TIMESTAMP, MALFORMED_TIMESTAMP, TOO_OLD, TOO_NEW, NO_SIGNATURE, NO_V1, MISMATCH;

        /** The sentence a refused sender receives; it never holds the secret or the expected signature. */
        String problem() {
            long minutes = TOLERANCE.toMinutes();
            return switch (this) {
                case VALID -> "";
                case NO_ID -> ID_HEADER + " is missing; a Standard Webhooks sender signs its id";
                case NO_TIMESTAMP -> TIMESTAMP_HEADER + " is missing; a Standard Webhooks sender signs its time";
                case MALFORMED_TIMESTAMP -> TIMESTAMP_HEADER + " must be the time in whole seconds since 1970 (Unix time)";
                case TOO_OLD -> TIMESTAMP_HEADER + " is too old: more than " + minutes + " minutes before this "
                        + "server's clock; a delivery is signed anew for every attempt, so check the clocks of both sides";
                case TOO_NEW -> TIMESTAMP_HEADER + " is too new: more than " + minutes + " minutes after this "
                        + "server's clock; check the clocks of both sides";
                case NO_SIGNATURE -> SIGNATURE_HEADER + " is missing; this webhook needs the sender's signature";
                case NO_V1 -> SIGNATURE_HEADER + " has no v1 signature; Herald checks v1 (HMAC-SHA256 with a whsec_ secret)";
                case MISMATCH -> SIGNATURE_HEADER + " does not match; check that the sender and Herald have the same secret";
            };
        }
    }

    private final WebhookSecret secret;

    StandardSignature(WebhookSecret secret) {
        this.secret = secret;
    }

    /** The header a sender would send: {@code v1,<base64 of the HMAC-SHA256 of id.timestamp.body>}. */
    String sign(String id, String timestamp, byte[] body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(id, timestamp, body));
    }

    /**
     * Checks the three headers (each {@code null} when absent) and the raw body at the time {@code now}: the headers
     * are present, the timestamp is within {@link #TOLERANCE} of {@code now}, and a {@code v1} signature matches.
     */
    Verdict check(String id, String timestamp, String signatures, byte[] body, Instant now) {
        if (id == null || id.isEmpty()) {
            return Verdict.NO_ID;
        }
        if (timestamp == null || timestamp.isEmpty()) {
            return Verdict.NO_TIMESTAMP;
        }
        if (!SECONDS.matcher(timestamp).matches()) {
            return Verdict.MALFORMED_TIMESTAMP;
        }
        long skewSeconds = Long.parseLong(timestamp) - now.getEpochSecond();
        if (skewSeconds < -TOLERANCE.toSeconds()) {
            return Verdict.TOO_OLD;
        }
        if (skewSeconds > TOLERANCE.toSeconds()) {
            return Verdict.TOO_NEW;
        }
        if (signatures == null || signatures.isBlank()) {
            return Verdict.NO_SIGNATURE;
        }
        byte[] expected = mac(id, timestamp, body);
        boolean anyV1 = false;
        boolean matched = false;
        for (String entry : signatures.strip().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals(VERSION)) {
                continue;
            }
            anyV1 = true;
            // every v1 signature is compared, a match or not, so the time taken tells nothing about which one matched
            matched |= MessageDigest.isEqual(expected, decode(entry.substring(comma + 1)));
        }
        if (matched) {
            return Verdict.VALID;
        }
        return anyV1 ? Verdict.MISMATCH : Verdict.NO_V1;
    }

    /** A signature's bytes; none (matching nothing) when it is not base64. */
    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }

    private byte[] mac(String id, String timestamp, byte[] body) {
        return HmacSha256.of(secret.key(), (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    }
}
