package dev.herald.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.AccessRules;
import dev.herald.auth.TokenMinter;
import dev.herald.auth.TokenOptions;
import dev.herald.clients.TrustedProxies;
import dev.herald.metrics.HeraldMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's one access rule, with real tokens and herald-auth's rules. */
class ConsoleAccessTest {

    private static final TokenOptions TOKENS = TokenOptions.secret("console-access-test-secret-of-32-bytes!");
    private static final AccessControl RULES = new AccessRules(AccessOptions.tokens(TOKENS), HeraldMetrics.NONE);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static String admin() {
        return new TokenMinter(TOKENS).mint(List.of(), List.of(), true, Duration.ofMinutes(5), NOW);
    }

    private static ConsoleAccess access(ConsoleMode mode, boolean loopbackBind, TrustedProxies proxies) {
        return new ConsoleAccess(ConsoleOptions.of(mode, "n", 0, loopbackBind), RULES, proxies);
    }

    private static ConsoleAccess access(ConsoleMode mode, boolean loopbackBind) {
        return access(mode, loopbackBind, TrustedProxies.NONE);
    }

    private static void refused(ConsoleAccess access, TestRequest request, int status) {
        assertThatThrownBy(() -> access.admit(request)).isInstanceOfSatisfying(AccessRefusedException.class,
                refusal -> assertThat(refusal.status()).isEqualTo(status));
    }

    @Test
    void autoOnALoopbackBindIsOpenToLoopbackClientsOnly() {
        ConsoleAccess auto = access(ConsoleMode.AUTO, true);
        assertThat(auto.admit(TestRequest.from("127.0.0.1"))).isEqualTo(new ConsoleGrant(true, null));
        assertThat(auto.admit(TestRequest.from("0:0:0:0:0:0:0:1")).open()).isTrue();
        assertThat(auto.admit(TestRequest.from("127.0.0.1").withHeader("Authorization", "Bearer " + admin())))
                .isEqualTo(new ConsoleGrant(true, NOW.plus(Duration.ofMinutes(5))));
        refused(auto, TestRequest.from("192.0.2.10"), 401);
    }

    @Test
    void anOpenConsoleIsOpenOnlyToRequestsThatNameThisMachine() {
        ConsoleAccess auto = access(ConsoleMode.AUTO, true);
        for (String host : List.of("localhost", "LOCALHOST:8080", "127.0.0.1:8080", "[::1]:8080", "[::1]", "app.localhost")) {
            assertThat(auto.admit(TestRequest.from("127.0.0.1").withHeader("Host", host)).open()).as(host).isTrue();
        }
        // A page of another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) sends its own name.
        for (String host : List.of("attacker.example:8080", "attacker.example", "localhost.attacker.example", "")) {
            refused(auto, TestRequest.from("127.0.0.1").withHeader("Host", host), 401);
        }
    }

    @Test
    void autoOffLoopbackAndTokenModeNeedAnAdminToken() {
        for (ConsoleAccess access : List.of(access(ConsoleMode.AUTO, false), access(ConsoleMode.TOKEN, true))) {
            refused(access, TestRequest.from("127.0.0.1"), 401);
            assertThat(access.admit(TestRequest.from("127.0.0.1").withConsoleCookie(admin())))
                    .isEqualTo(new ConsoleGrant(false, NOW.plus(Duration.ofMinutes(5))));
        }
    }

    @Test
    void behindATrustedProxyTheForwardedClientCountsNotTheProxy() {
        ConsoleAccess auto = access(ConsoleMode.AUTO, true, TrustedProxies.parse("trusted-proxies", "127.0.0.1"));
        refused(auto, TestRequest.from("127.0.0.1").withHeader("X-Forwarded-For", "203.0.113.7"), 401);
        assertThat(auto.admit(TestRequest.from("127.0.0.1").withHeader("X-Forwarded-For", "127.0.0.1")).open()).isTrue();
    }

    @Test
    void theCookieIsSecureWhenTheClientCameOverHttpsThroughATrustedProxy() {
        TestRequest forwarded = TestRequest.from("127.0.0.1").withHeader("X-Forwarded-Proto", "https")
                .withHeader("X-Forwarded-For", "203.0.113.7");
        assertThat(access(ConsoleMode.TOKEN, false, TrustedProxies.parse("trusted-proxies", "127.0.0.1"))
                .secure(forwarded)).isTrue();
        assertThat(access(ConsoleMode.TOKEN, false).secure(forwarded)).as("an untrusted peer's header is not read")
                .isFalse();
    }

    @Test
    void aCookieGivenTwiceIsRefusedAsARequestThatCannotBeRead() {
        TestRequest twice = new TestRequest("192.0.2.10", java.util.Map.of(), null, List.of(admin(), admin()));
        assertThatThrownBy(() -> access(ConsoleMode.TOKEN, false).admit(twice))
                .isInstanceOf(dev.herald.request.InvalidRequestException.class)
                .hasMessageContaining("herald_console cookie");
    }
}
