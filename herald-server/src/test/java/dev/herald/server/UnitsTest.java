package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line's text readers. */
class UnitsTest {

    @Test
    void aCommaListIsReadIntoTrimmedItems() {
        assertThat(Units.commaList("https://a.example, http://localhost:3000 "))
                .containsExactly("https://a.example", "http://localhost:3000");
        assertThat(Units.commaList("")).isEmpty();
        assertThat(Units.commaList("  ")).isEmpty();
        assertThat(Units.commaList(null)).isEmpty();
        assertThat(Units.commaList("a,,b")).as("an empty item is kept, for the options to refuse").containsExactly("a", "", "b");
    }
}
