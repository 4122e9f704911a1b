package dev.herald.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.webhook.StandardSignature.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * webhook-signature as the Standard Webhooks specification defines it, against the reference libraries' published
 * vector and against signatures computed here with the JDK alone; the clock is a parameter, so no test waits.
 */
class StandardSignatureTest {

    /** The vector of the reference libraries' tests (standard-webhooks, e.g. libraries/java's WebhookTest). */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String SPEC_TIMESTAMP = "1614265330";
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant SPEC_TIME = Instant.ofEpochSecond(1614265330);

    private static final byte[] KEY = "a 24-byte key, made here".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
    private static final String TIMESTAMP = "1700000000";
    private static final byte[] BODY = "{\"type\":\"invoice.paid\",\"data\":{\"id\":\"in_1\"}}".getBytes(StandardCharsets.UTF_8);

    private final StandardSignature signature = new StandardSignature(WebhookSecret.parse(SECRET));

    /** v1 computed independently of Herald: base64 of HMAC-SHA256(key, id.timestamp.body). */
    private static String independentV1(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static final String GOOD = independentV1(KEY, ID, TIMESTAMP, BODY);

    @Test
    void theReferenceLibrariesVectorIsSignedAndAccepted() {
        StandardSignature spec = new StandardSignature(WebhookSecret.parse(SPEC_SECRET));
        assertThat(spec.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
        assertThat(spec.check(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE, SPEC_BODY, SPEC_TIME)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aSignatureComputedWithTheJdkAloneIsAccepted() {
        assertThat(signature.sign(ID, TIMESTAMP, BODY)).isEqualTo(GOOD);
        assertThat(signature.check(ID, TIMESTAMP, GOOD, BODY, NOW)).isEqualTo(Verdict.VALID);
    }

    @Test
    void oneValidSignatureAmongSeveralIsEnough() {
        String old = independentV1("the key before rotation".getBytes(StandardCharsets.UTF_8), ID, TIMESTAMP, BODY);
        assertThat(signature.check(ID, TIMESTAMP, old + " " + GOOD, BODY, NOW)).isEqualTo(Verdict.VALID);
        assertThat(signature.check(ID, TIMESTAMP, GOOD + "  " + old, BODY, NOW)).isEqualTo(Verdict.VALID);
        assertThat(signature.check(ID, TIMESTAMP, "v1a,c2lnbmVk v1,bm90LWl0 " + GOOD, BODY, NOW))
                .as("other versions and a wrong v1 are passed over").isEqualTo(Verdict.VALID);
    }

    @Test
    void onlyAv2SignatureIsNoV1EvenWithTheRightDigest() {
        assertThat(signature.check(ID, TIMESTAMP, "v2," + GOOD.substring(3), BODY, NOW)).isEqualTo(Verdict.NO_V1);
        assertThat(signature.check(ID, TIMESTAMP, GOOD.substring(3), BODY, NOW)).as("no version at all")
                .isEqualTo(Verdict.NO_V1);
    }

    @Test
    void aTamperedBodyIdOrTimestampDoesNotMatch() {
        byte[] tampered = "{\"type\":\"invoice.paid\",\"data\":{\"id\":\"in_2\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(signature.check(ID, TIMESTAMP, GOOD, tampered, NOW)).isEqualTo(Verdict.MISMATCH);
        assertThat(signature.check("msg_other", TIMESTAMP, GOOD, BODY, NOW)).isEqualTo(Verdict.MISMATCH);
        assertThat(signature.check(ID, "1700000001", GOOD, BODY, NOW)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void anotherSecretDoesNotMatch() {
        String forged = independentV1("another 24-byte key here".getBytes(StandardCharsets.UTF_8), ID, TIMESTAMP, BODY);
        assertThat(signature.check(ID, TIMESTAMP, forged, BODY, NOW)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aV1SignatureThatIsNotBase64MatchesNothing() {
        assertThat(signature.check(ID, TIMESTAMP, "v1,%%%not-base64%%%", BODY, NOW)).isEqualTo(Verdict.MISMATCH);
        assertThat(signature.check(ID, TIMESTAMP, "v1,", BODY, NOW)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aTimestampSixMinutesOldIsTooOldAndSixAheadTooNew() {
        String sixMinutesAgo = String.valueOf(NOW.minus(Duration.ofMinutes(6)).getEpochSecond());
        String sixMinutesAhead = String.valueOf(NOW.plus(Duration.ofMinutes(6)).getEpochSecond());

        assertThat(signature.check(ID, sixMinutesAgo, independentV1(KEY, ID, sixMinutesAgo, BODY), BODY, NOW))
                .isEqualTo(Verdict.TOO_OLD);
        assertThat(signature.check(ID, sixMinutesAhead, independentV1(KEY, ID, sixMinutesAhead, BODY), BODY, NOW))
                .isEqualTo(Verdict.TOO_NEW);
        assertThat(Verdict.TOO_OLD.problem()).startsWith("webhook-timestamp is too old");
        assertThat(Verdict.TOO_NEW.problem()).startsWith("webhook-timestamp is too new");
    }

    @Test
    void aTimestampWithinFiveMinutesEitherWayIsTaken() {
        for (long offset : new long[] {-300, -299, -1, 0, 1, 299, 300}) {
            String timestamp = String.valueOf(NOW.getEpochSecond() + offset);
            String signed = independentV1(KEY, ID, timestamp, BODY);
            assertThat(signature.check(ID, timestamp, signed, BODY, NOW)).as("offset %d s", offset).isEqualTo(Verdict.VALID);
        }
        String justOver = String.valueOf(NOW.getEpochSecond() - 301);
        assertThat(signature.check(ID, justOver, independentV1(KEY, ID, justOver, BODY), BODY, NOW)).isEqualTo(Verdict.TOO_OLD);
    }

    @Test
    void missingHeadersAreNamed() {
        assertThat(signature.check(null, TIMESTAMP, GOOD, BODY, NOW)).isEqualTo(Verdict.NO_ID);
        assertThat(signature.check("", TIMESTAMP, GOOD, BODY, NOW)).isEqualTo(Verdict.NO_ID);
        assertThat(signature.check(ID, null, GOOD, BODY, NOW)).isEqualTo(Verdict.NO_TIMESTAMP);
        assertThat(signature.check(ID, TIMESTAMP, null, BODY, NOW)).isEqualTo(Verdict.NO_SIGNATURE);
        assertThat(signature.check(ID, TIMESTAMP, "  ", BODY, NOW)).isEqualTo(Verdict.NO_SIGNATURE);
    }

    @Test
    void aTimestampThatIsNotWholeUnixSecondsIsMalformed() {
        for (String bad : new String[] {"1700000000.5", "-1700000000", "2023-11-14T22:13:20Z", "1700000000000000000000", "0x65"}) {
            assertThat(signature.check(ID, bad, GOOD, BODY, NOW)).as(bad).isEqualTo(Verdict.MALFORMED_TIMESTAMP);
        }
    }

    @Test
    void noRefusalRepeatsTheSecretOrTheExpectedSignature() {
        for (Verdict verdict : Verdict.values()) {
            assertThat(verdict.problem()).doesNotContain(SECRET.substring(6)).doesNotContain(GOOD.substring(3));
        }
    }
}
