package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the access log writes of a request's path and query. */
class AccessLogTest {

    @Test
    void aQueryTokenIsRedactedWhateverItsCaseOrEncoding() {
        assertThat(AccessLog.pathOf("/stream", "channel=a&access_token=eyJhbGci.eyJzdWIi.c2ln"))
                .isEqualTo("/stream?channel=a&access_token=REDACTED");
        assertThat(AccessLog.redact("ACCESS_TOKEN=x&access%5Ftoken=y&refreshToken=z&client_secret=s&password=p"))
                .isEqualTo("ACCESS_TOKEN=REDACTED&access%5Ftoken=REDACTED&refreshToken=REDACTED&client_secret=REDACTED"
                        + "&password=REDACTED");
    }

    @Test
    void aNameTheLogCannotDecodeHasItsValueRedacted() {
        assertThat(AccessLog.redact("%ZZtoken=x&channel=%ZZ")).isEqualTo("%ZZtoken=REDACTED&channel=%ZZ");
    }

    @Test
    void theRestOfTheQueryIsKeptAsSent() {
        assertThat(AccessLog.pathOf("/poll", "channel=a&channel=b&lastEventId=1-2&&flag"))
                .isEqualTo("/poll?channel=a&channel=b&lastEventId=1-2&&flag");
        assertThat(AccessLog.pathOf("/health", null)).isEqualTo("/health");
        assertThat(AccessLog.pathOf("/stream", "")).isEqualTo("/stream?");
    }

    @Test
    void aLongPathIsCut() {
        String channels = "channel=" + "a".repeat(5000);
        assertThat(AccessLog.pathOf("/stream", channels))
                .hasSize(AccessLog.MAX_PATH_CHARS + "...(2968 more)".length())
                .endsWith("...(2968 more)");
    }
}
