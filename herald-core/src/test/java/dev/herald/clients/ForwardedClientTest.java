package dev.herald.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.request.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who the client is, from literal forwarding headers: one rule of RFC 7239 or of the right-most walk per case. */
class ForwardedClientTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse("trusted-proxies", "127.0.0.1, 10.0.0.0/8, ::1");

    /** Headers as lines: name, value, name, value... (a name may repeat: several lines). */
    private static ForwardedClient resolve(String peer, String... headerLines) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerLines.length; i += 2) {
            headers.merge(headerLines[i].toLowerCase(Locale.ROOT), List.of(headerLines[i + 1]),
                    (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        }
        return ForwardedClient.resolve(PROXIES, peer, "http", "herald.local:8080",
                name -> headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    private static String address(String peer, String... headerLines) {
        return resolve(peer, headerLines).address();
    }

    private static void badRequest(String expectedMessagePart, String... headerLines) {
        assertThatThrownBy(() -> resolve("127.0.0.1", headerLines)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(expectedMessagePart);
    }

    @Test
    void anUntrustedPeerIsTheClientAndItsHeadersAreNotRead() {
        assertThat(resolve("203.0.113.9", "X-Forwarded-For", "1.2.3.4", "X-Forwarded-Proto", "https"))
                .isEqualTo(new ForwardedClient("203.0.113.9", "http", "herald.local:8080"));
        assertThat(address("203.0.113.9", "Forwarded", "for=\"not even readable")).isEqualTo("203.0.113.9");
        assertThat(ForwardedClient.resolve(TrustedProxies.NONE, "127.0.0.1", "http", null,
                name -> List.of("for=1.2.3.4")).address()).as("no proxy trusted").isEqualTo("127.0.0.1");
    }

    @Test
    void aTrustedPeerWithoutHeadersIsTheClient() {
        assertThat(address("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(address("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void xForwardedForIsWalkedFromTheRightToTheFirstUntrustedHop() {
        assertThat(address("127.0.0.1", "X-Forwarded-For", "198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(address("127.0.0.1", "X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.1.2.3"))
                .as("a spoofed left hop is never the client").isEqualTo("198.51.100.7");
        assertThat(address("127.0.0.1", "X-Forwarded-For", "10.0.0.5, 10.0.0.6"))
                .as("all trusted: the left-most").isEqualTo("10.0.0.5");
    }

    @Test
    void hopsLeftOfTheClientAreNeverRead() {
        assertThat(address("127.0.0.1", "X-Forwarded-For", "garbage!, 198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(address("127.0.0.1", "Forwarded", "for=\"[broken\", for=198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(address("127.0.0.1", "Forwarded", "for=\"[not closed", "Forwarded", "for=198.51.100.7"))
                .as("a line left of the client").isEqualTo("198.51.100.7");
    }

    @Test
    void severalLinesOfOneHeaderAreOneList() {
        assertThat(address("127.0.0.1", "X-Forwarded-For", "198.51.100.7", "X-Forwarded-For", "10.0.0.2"))
                .isEqualTo("198.51.100.7");
        assertThat(address("127.0.0.1", "Forwarded", "for=198.51.100.7", "Forwarded", "for=10.0.0.2"))
                .isEqualTo("198.51.100.7");
        assertThat(address("127.0.0.1", "X-Forwarded-For", "198.51.100.7, , ")).as("empty items are dropped")
                .isEqualTo("198.51.100.7");
    }

    @Test
    void xForwardedForAcceptsPortsAndIpv6InEveryUsualForm() {
        assertThat(address("127.0.0.1", "X-Forwarded-For", "198.51.100.7:4711")).isEqualTo("198.51.100.7");
        assertThat(address("127.0.0.1", "X-Forwarded-For", "2001:db8::7")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(address("127.0.0.1", "X-Forwarded-For", "[2001:db8::7]:4711")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(address("::1", "X-Forwarded-For", "2001:db8::7, ::1")).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void forwardedReadsQuotedIpv6PortsAndCaseInsensitiveNames() {
        assertThat(address("127.0.0.1", "Forwarded", "For=\"[2001:db8:cafe::17]:4711\"")).isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(address("127.0.0.1", "Forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43"))
                .isEqualTo("192.0.2.60");
        assertThat(address("127.0.0.1", "Forwarded", "for=\"192.0.2.60:8080\", for=10.0.0.1")).isEqualTo("192.0.2.60");
        assertThat(address("127.0.0.1", "Forwarded", "for=192.0.2.43, for=\"[2001:db8:cafe::17]\""))
                .as("the right-most untrusted").isEqualTo("2001:db8:cafe:0:0:0:0:17");
    }

    @Test
    void unknownAndObfuscatedNodesAreClientKeysAsWritten() {
        assertThat(address("127.0.0.1", "Forwarded", "for=unknown")).isEqualTo("unknown");
        assertThat(address("127.0.0.1", "Forwarded", "for=_hidden, for=10.0.0.1")).isEqualTo("_hidden");
        assertThat(address("127.0.0.1", "Forwarded", "for=\"_gazonk:_port\"")).isEqualTo("_gazonk");
    }

    @Test
    void forwardedWinsOverXForwardedFor() {
        assertThat(address("127.0.0.1", "X-Forwarded-For", "6.6.6.6", "Forwarded", "for=198.51.100.7"))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void schemeAndHostComeFromTheClientsForwardedElement() {
        assertThat(resolve("127.0.0.1", "Forwarded", "for=198.51.100.7;proto=HTTPS;host=\"example.com\", "
                + "for=10.0.0.1;proto=http;host=inner"))
                .isEqualTo(new ForwardedClient("198.51.100.7", "https", "example.com"));
        assertThat(resolve("127.0.0.1", "Forwarded", "for=198.51.100.7"))
                .as("not given: the server's own").isEqualTo(new ForwardedClient("198.51.100.7", "http", "herald.local:8080"));
    }

    @Test
    void schemeAndHostComeFromTheRightMostXForwardedValues() {
        assertThat(resolve("127.0.0.1", "X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto", "http, https",
                "X-Forwarded-Host", "example.com"))
                .isEqualTo(new ForwardedClient("198.51.100.7", "https", "example.com"));
        assertThat(resolve("127.0.0.1", "X-Forwarded-Proto", "https").scheme())
                .as("from a trusted peer even without X-Forwarded-For? no: the client is the peer, as it came")
                .isEqualTo("http");
    }

    @Test
    void anUnreadableHopBeforeTheClientIsABadRequestNamingTheHeader() {
        badRequest("the X-Forwarded-For header cannot be read: \"proxy.example\" is not a client address",
                "X-Forwarded-For", "198.51.100.7, proxy.example");
        badRequest("the Forwarded header cannot be read: \"1.2.3\" is not a client address", "Forwarded", "for=1.2.3");
        badRequest("the Forwarded header cannot be read: the element \"proto=https\" has no for=",
                "Forwarded", "proto=https");
        badRequest("the Forwarded header cannot be read: a quoted string is not closed", "Forwarded", "for=\"[::1]");
        badRequest("the Forwarded header cannot be read: \"nonsense\" is not a name=value pair", "Forwarded", "nonsense");
        badRequest("for= is given twice in one element", "Forwarded", "for=1.2.3.4;for=5.6.7.8");
        badRequest("the Forwarded header cannot be read: \"[2001:db8::1]:99999999\" is not a client address",
                "Forwarded", "for=\"[2001:db8::1]:99999999\"");
        badRequest("the X-Forwarded-For header cannot be read: it names no hop", "X-Forwarded-For", " , ");
        badRequest("the Forwarded header cannot be read: it names no hop", "Forwarded", "");
        badRequest("the X-Forwarded-Proto header cannot be read: the scheme \"gopher\" is neither http nor https",
                "X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto", "gopher");
    }
}
