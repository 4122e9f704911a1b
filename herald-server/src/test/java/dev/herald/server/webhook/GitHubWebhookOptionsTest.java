package dev.herald.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import org.junit.jupiter.api.Test;

/** The webhook's options are checked once, here, and named by their keys. */
class GitHubWebhookOptionsTest {

    @Test
    void theDefaultsHaveNoSecretAndTheSeedsChannel() {
        assertThat(GitHubWebhookOptions.defaults().signed()).isFalse();
        assertThat(GitHubWebhookOptions.defaults().channel()).isEqualTo("sse");
    }

    @Test
    void anEmptySecretIsNoSecret() {
        assertThat(new GitHubWebhookOptions("", "sse").secret()).isNull();
        assertThat(new GitHubWebhookOptions("", "sse").signed()).isFalse();
        assertThat(new GitHubWebhookOptions("x", "sse").signed()).isTrue();
    }

    @Test
    void anInvalidChannelIsRefusedUnderTheChannelsKey() {
        assertThatThrownBy(() -> new GitHubWebhookOptions(null, ""))
                .isInstanceOfSatisfying(InvalidOptionException.class, invalid -> {
                    assertThat(invalid.option()).isEqualTo("github-webhook-channel");
                    assertThat(invalid.problem()).isEqualTo("channel name must not be empty");
                });
        assertThatThrownBy(() -> new GitHubWebhookOptions(null, "a\nb"))
                .isInstanceOfSatisfying(InvalidOptionException.class, invalid ->
                        assertThat(invalid.problem()).startsWith("channel name must not contain control characters"));
        assertThatThrownBy(() -> new GitHubWebhookOptions(null, null))
                .isInstanceOfSatisfying(InvalidOptionException.class, invalid ->
                        assertThat(invalid.getMessage()).isEqualTo("github-webhook-channel must be given"));
    }

    @Test
    void theSecretIsNeverPrinted() {
        GitHubWebhookOptions options = new GitHubWebhookOptions("hunter2", "builds");
        assertThat(options.toString()).doesNotContain("hunter2").contains("(set)", "builds");
        assertThat(GitHubWebhookOptions.defaults().toString()).contains("(none)");
    }
}
