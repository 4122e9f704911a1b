package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.access.ChannelPatterns;
import dev.herald.options.InvalidOptionException;
import org.junit.jupiter.api.Test;

class AccessOptionsTest {

    @Test
    void privateChannelsWithoutAKeyAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> AccessOptions.open().withPrivateChannels(ChannelPatterns.parse("private-*")))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.option()).isEqualTo("private-channels");
                    assertThat(e.problem()).isEqualTo("need a token key (jwt-secret or jwt-key): a private channel is read with a "
                            + "token, got private-*");
                });
    }

    @Test
    void theDefaultsAreOpenWithoutQueryTokens() {
        AccessOptions open = AccessOptions.open();

        assertThat(open.tokens().enabled()).isFalse();
        assertThat(open.privateChannels().isEmpty()).isTrue();
        assertThat(open.allowQueryToken()).isFalse();
        assertThat(AccessOptions.tokens(TokenOptions.secret("s".repeat(32))).withPrivateChannels(ChannelPatterns.parse("a"))
                .privateChannels().covers("a")).isTrue();
    }
}
