package dev.herald.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import org.junit.jupiter.api.Test;

/** The trusted-proxies list: IPv4 and IPv6 blocks and single addresses, anything else refused by name. */
class TrustedProxiesTest {

    @Test
    void ipv4BlocksMatchTheirPrefixOnly() {
        TrustedProxies proxies = TrustedProxies.parse("trusted-proxies", "10.0.0.0/8, 192.168.1.0/23,127.0.0.1");
        assertThat(proxies.trusts("10.255.1.2")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("192.168.0.9")).as("/23 holds .0 and .1").isTrue();
        assertThat(proxies.trusts("192.168.2.9")).isFalse();
        assertThat(proxies.trusts("127.0.0.1")).isTrue();
        assertThat(proxies.trusts("127.0.0.2")).as("a single address is a /32").isFalse();
    }

    @Test
    void ipv6BlocksMatchInAnyWrittenForm() {
        TrustedProxies proxies = TrustedProxies.parse("trusted-proxies", "fd00::/8, ::1");
        assertThat(proxies.trusts("fd12:3456::1")).isTrue();
        assertThat(proxies.trusts("fe80::1")).isFalse();
        assertThat(proxies.trusts("0:0:0:0:0:0:0:1")).as("the JDK's long form of ::1").isTrue();
        assertThat(proxies.trusts("[::1]")).isTrue();
        assertThat(proxies.trusts("127.0.0.1")).as("another family").isFalse();
    }

    @Test
    void namesAndNonAddressesAreNeverTrusted() {
        TrustedProxies proxies = TrustedProxies.parse("trusted-proxies", "0.0.0.0/0, ::/0");
        assertThat(proxies.trusts("local")).isFalse();
        assertThat(proxies.trusts("localhost")).isFalse();
        assertThat(proxies.trusts("unknown")).isFalse();
        assertThat(proxies.trusts("8.8.8.8")).isTrue();
    }

    @Test
    void emptyTrustsNoOne() {
        assertThat(TrustedProxies.parse("trusted-proxies", null).isEmpty()).isTrue();
        assertThat(TrustedProxies.parse("trusted-proxies", "  ").trusts("127.0.0.1")).isFalse();
    }

    @Test
    void anItemThatIsNotABlockIsRefusedNamingIt() {
        for (String bad : new String[] {"10.0.0.0/33", "::/129", "256.0.0.1", "10.0.0", "proxy", "10.0.0.1/-1",
                "10.0.0.1/", "fe80::1%eth0", "1.2.3.4/8/8"}) {
            assertThatThrownBy(() -> TrustedProxies.parse("trusted-proxies", "127.0.0.1," + bad))
                    .as(bad).isInstanceOfSatisfying(InvalidOptionException.class, e -> {
                        assertThat(e.option()).isEqualTo("trusted-proxies");
                        assertThat(e.problem()).contains("\"" + bad + "\" is not one");
                    });
        }
        assertThatThrownBy(() -> TrustedProxies.parse("trusted-proxies", "127.0.0.1,,10.0.0.1"))
                .hasMessageContaining("\"\" is not one");
    }
}
