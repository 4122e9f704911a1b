package dev.herald.options;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loopback hosts are recognised from their text alone. */
class LoopbackTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.1.1", "127.255.255.254", "localhost", "LOCALHOST", "::1", "[::1]",
            "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", " 127.0.0.1 "})
    void loopbackLiteralsAndLocalhostAreLoopback(String host) {
        assertThat(Loopback.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "[::]", "192.168.1.10", "10.0.0.1", "128.0.0.1", "127.0.0.256", "127.1",
            "::2", "fe80::1", "example.org", "localhost.example.org", "my-host", "[not-an-address]", ""})
    void wildcardsOtherAddressesAndNamesAreNot(String host) {
        assertThat(Loopback.isLoopback(host)).isFalse();
    }
}
