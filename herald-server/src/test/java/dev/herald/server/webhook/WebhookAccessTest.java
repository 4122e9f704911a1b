package dev.herald.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may deliver: signed always with a secret; without one, unsigned on loopback and off elsewhere (core's LoopbackTest has the addresses). */
class WebhookAccessTest {

    private static final GitHubWebhookOptions UNSIGNED = GitHubWebhookOptions.defaults();
    private static final GitHubWebhookOptions SIGNED = UNSIGNED.withSecret("s3cret");

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.1.1", "localhost", "::1"})
    void aLoopbackAddressWithoutASecretTakesUnsignedDeliveries(String host) {
        assertThat(WebhookAccess.of(host, UNSIGNED)).isEqualTo(WebhookAccess.UNSIGNED_ON_LOOPBACK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.10", "my-host"})
    void anyOtherAddressWithoutASecretTurnsTheWebhookOff(String host) {
        assertThat(WebhookAccess.of(host, UNSIGNED)).isEqualTo(WebhookAccess.OFF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "192.168.1.10"})
    void aSecretRequiresASignatureOnEveryAddress(String host) {
        assertThat(WebhookAccess.of(host, SIGNED)).isEqualTo(WebhookAccess.SIGNED);
    }

    @Test
    void theStartWarningSaysWhatHappensAndHowToChangeIt() {
        assertThat(WebhookAccess.SIGNED.startWarning()).isEmpty();
        assertThat(WebhookAccess.UNSIGNED_ON_LOOPBACK.startWarning()).hasValueSatisfying(warning -> assertThat(warning)
                .contains("accepts unsigned deliveries", "loopback", "--github-webhook-secret", "HERALD_GITHUB_WEBHOOK_SECRET"));
        assertThat(WebhookAccess.OFF.startWarning()).hasValueSatisfying(warning -> assertThat(warning)
                .contains("is off", "403", "--github-webhook-secret", "HERALD_GITHUB_WEBHOOK_SECRET"));
    }
}
