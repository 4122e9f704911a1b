package dev.herald.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.webhook.GitHubSignature.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** X-Hub-Signature-256, checked against GitHub's own example from "Validating webhook deliveries". */
class GitHubSignatureTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String HEX = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private final GitHubSignature signature = new GitHubSignature(SECRET);

    @Test
    void githubsDocumentedExampleIsSignedAndAccepted() {
        assertThat(signature.sign(BODY)).isEqualTo("sha256=" + HEX);
        assertThat(signature.check("sha256=" + HEX, BODY)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aMissingOrEmptyHeaderIsMissing() {
        assertThat(signature.check(null, BODY)).isEqualTo(Verdict.MISSING);
        assertThat(signature.check("", BODY)).isEqualTo(Verdict.MISSING);
    }

    @Test
    void theDigestWithoutItsPrefixOrWithAnotherAlgorithmIsMalformed() {
        assertThat(signature.check(HEX, BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.check("sha1=" + HEX, BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.check("SHA256=" + HEX, BODY)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void aDigestOfTheWrongLengthIsMalformed() {
        assertThat(signature.check("sha256=" + HEX.substring(2), BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.check("sha256=" + HEX + "00", BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.check("sha256=", BODY)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void upperCaseHexIsMalformedAsGitHubSendsLowerCase() {
        assertThat(signature.check("sha256=" + HEX.toUpperCase(), BODY)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void surroundingSpaceOrNonHexDigitsAreMalformed() {
        assertThat(signature.check(" sha256=" + HEX, BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.check("sha256=" + HEX.substring(1) + "g", BODY)).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void anotherSecretDoesNotMatch() {
        String forged = new GitHubSignature("It's a Secret to Nobody").sign(BODY);
        assertThat(signature.check(forged, BODY)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void theSameJsonWrittenDifferentlyDoesNotMatch() {
        byte[] sent = "{\"zen\": \"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
        byte[] rewritten = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(signature.check(signature.sign(sent), rewritten)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aChangedDigitDoesNotMatch() {
        String changed = "sha256=" + HEX.substring(0, 63) + (HEX.endsWith("7") ? "8" : "7");
        assertThat(signature.check(changed, BODY)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void noRefusalRepeatsTheSecretOrTheExpectedDigest() {
        for (Verdict verdict : Verdict.values()) {
            assertThat(verdict.problem()).doesNotContain(SECRET).doesNotContain(HEX);
        }
    }
}
