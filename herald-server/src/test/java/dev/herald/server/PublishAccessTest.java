package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.auth.AccessOptions;
import dev.herald.options.InvalidOptionException;
import dev.herald.testing.TestTokens;
import org.junit.jupiter.api.Test;

class PublishAccessTest {

    private static final AccessOptions TOKENS = AccessOptions.tokens(TestTokens.OPTIONS);

    @Test
    void withAKeyPublishersNeedTokensOnAnyAddress() {
        assertThat(PublishAccess.of("0.0.0.0", TOKENS, false)).isEqualTo(PublishAccess.TOKENS);
        assertThat(PublishAccess.of("127.0.0.1", TOKENS, false)).isEqualTo(PublishAccess.TOKENS);
        assertThat(PublishAccess.TOKENS.startWarning()).isEmpty();
    }

    @Test
    void withoutAKeyPublishingIsOpenOnLoopbackQuietly() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1"}) {
            assertThat(PublishAccess.of(host, AccessOptions.open(), false)).isEqualTo(PublishAccess.OPEN_ON_LOOPBACK);
        }
        assertThat(PublishAccess.OPEN_ON_LOOPBACK.startWarning()).isEmpty();
    }

    @Test
    void withoutAKeyAnotherAddressIsRefusedNamingTheHost() {
        assertThatThrownBy(() -> PublishAccess.of("0.0.0.0", AccessOptions.open(), false))
                .isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                    assertThat(e.option()).isEqualTo("host");
                    assertThat(e.problem()).isEqualTo("0.0.0.0 is not a loopback address, so anyone who reaches it could "
                            + "publish; set --jwt-secret or --jwt-key to require tokens, or --allow-anonymous-publish to "
                            + "publish openly");
                });
    }

    @Test
    void allowAnonymousPublishOpensAnotherAddressWithAWarning() {
        PublishAccess access = PublishAccess.of("192.0.2.10", AccessOptions.open(), true);

        assertThat(access).isEqualTo(PublishAccess.OPEN_BY_CHOICE);
        assertThat(access.startWarning()).hasValueSatisfying(warning ->
                assertThat(warning).contains("open to anyone").contains("--allow-anonymous-publish"));
    }
}
