package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.auth.AccessOptions;
import dev.herald.testing.ConsolePage;
import dev.herald.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console in Chromium on a server bound to every interface (0.0.0.0, reached through 127.0.0.1) with tokens on:
 * it asks for an admin token, says why one is refused, and once given one shows the status; the token never stays in
 * the page (the node keeps it in an HttpOnly cookie); signing out asks again.
 */
class ConsoleSignInBrowserIT {

    private static RunningServer herald;
    private ConsolePage console;

    @BeforeAll
    static void start() {
        BrowserIT.assumeBrowser();
        HeraldConfig defaults = HeraldConfig.defaults().withAccess(AccessOptions.tokens(TestTokens.OPTIONS));
        herald = RunningServer.start(new HeraldConfig("0.0.0.0", defaults.port(), defaults.broker(), defaults.hub(),
                defaults.routes(), defaults.limits(), defaults.cors(), defaults.timeouts(), defaults.access(),
                defaults.gitHubWebhook(), defaults.webhooks(), defaults.management(), defaults.protocols(),
                defaults.loops(), defaults.console(), defaults.nodeId()));
    }

    @AfterAll
    static void stop() {
        if (herald != null) {
            herald.close();
        }
    }

    @AfterEach
    void close() {
        if (console != null) {
            try {
                // the form's 401 and 403 are answers the console asked for and shows: the browser logs them as failed loads
                console.assertCleanLog(message -> message.contains("/console/session")
                        && (message.contains("401") || message.contains("403")));
            } finally {
                console.close();
            }
        }
    }

    @Test
    void onABindToEveryInterfaceTheConsoleAsksForAnAdminTokenAndShowsTheStatusOnceGivenOne() throws Exception {
        console = ConsolePage.open(herald.uri("/console/"));
        console.shown("#sign-in");
        assertThat(console.find("#sign-in").getText()).contains("herald token --admin");
        assertThat(console.find("#views").isDisplayed()).isFalse();

        signIn(adminToken());

        console.shown("#views");
        assertThat(console.nodeCard().getAttribute("data-node")).isNotBlank();
        assertThat(console.find("#session").getText()).isEqualTo("Signed in with an admin token");
        assertThat(console.find("#admin-token").getAttribute("value")).isEmpty();
        assertThat((String) ((JavascriptExecutor) console.driver()).executeScript("return document.cookie")).isEmpty();
    }

    @Test
    void aTokenThatIsNotAnAdminsIsRefusedInWords() throws Exception {
        console = ConsolePage.open(herald.uri("/console/"));
        console.shown("#sign-in");

        signIn(TestTokens.token(List.of("sse"), List.of("sse")));

        console.until(page -> console.find("#sign-in-error").getText().startsWith("Not an admin's token: "));
        assertThat(console.find("#sign-in-error").getText()).endsWith("Print one with herald token --admin.");
        assertThat(console.find("#views").isDisplayed()).isFalse();
        assertThat(console.find("#admin-token").getAttribute("value")).isEmpty();
    }

    @Test
    void aBadTokenIsRefusedInWords() throws Exception {
        console = ConsolePage.open(herald.uri("/console/"));
        console.shown("#sign-in");

        signIn(TestTokens.forged(List.of("sse")));

        console.until(page -> console.find("#sign-in-error").getText().startsWith("Token refused: "));
        assertThat(console.find("#views").isDisplayed()).isFalse();
    }

    @Test
    void signingOutAsksForTheTokenAgain() throws Exception {
        console = ConsolePage.open(herald.uri("/console/"));
        console.shown("#sign-in");
        signIn(adminToken());
        console.nodeCard();

        console.find("#sign-out").click();

        console.shown("#sign-in");
        assertThat(console.find("#views").isDisplayed()).isFalse();
    }

    private void signIn(String token) {
        console.type("#admin-token", token);
        console.find("#sign-in-form button[type=submit]").click();
    }

    private static String adminToken() {
        return TestTokens.admin(Duration.ofHours(1));
    }
}
