package dev.herald.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A whsec_ secret: its key is the decoded base64; anything else is refused without being repeated. */
class WebhookSecretTest {

    @Test
    void theKeyIsTheDecodedBase64AfterThePrefix() {
        byte[] key = "a 24-byte key, made here".getBytes(StandardCharsets.UTF_8);
        WebhookSecret secret = WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(key));
        assertThat(secret.key().getEncoded()).isEqualTo(key);
        assertThat(secret.key().getAlgorithm()).isEqualTo("HmacSHA256");
    }

    @Test
    void aSecretWithoutThePrefixNotBase64OrEmptyIsRefused() {
        assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessage("secret must start with whsec_, as the sender shows it");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!"))
                .hasMessage("secret must be whsec_ followed by base64, and what follows whsec_ is not base64");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_"))
                .hasMessage("secret must be whsec_ followed by base64, and nothing follows whsec_");
        assertThatThrownBy(() -> WebhookSecret.parse(""))
                .hasMessage("secret must be given (whsec_ followed by base64)");
    }

    @Test
    void theSecretIsNeverPrinted() {
        assertThat(WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").toString())
                .isEqualTo("whsec_(hidden)");
    }
}
