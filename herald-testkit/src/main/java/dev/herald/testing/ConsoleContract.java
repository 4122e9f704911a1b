package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.sse.ParsedEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The console's server side, which every HTTP adapter serves the same way, over real HTTP: two nodes with the memory
 * broker, tokens checked with {@link TestTokens#SECRET}, the console in mode {@code auto}: one on a loopback bind
 * ({@link #loopbackBase()}), where a client on this machine needs no token, and one bound to every interface
 * ({@link #wildcardBase()}, reached on 127.0.0.1), where only an admin token opens it. Each base is where the routes
 * are mounted ({@code http://127.0.0.1:<port>/events}); the console is below it, at {@code /console}.
 */
public abstract class ConsoleContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHALLENGE = "Bearer realm=\"herald\"";
    /** A publisher's token on every channel, as an {@code Authorization} value. */
    private static final String PUBLISHER = "Bearer " + TestTokens.token(List.of("*"), List.of());

    /** The routes of a node whose console is served on a loopback bind. */
    protected abstract URI loopbackBase();

    /** The routes of a node whose console is served on a bind to every interface (0.0.0.0), reached on 127.0.0.1. */
    protected abstract URI wildcardBase();

    private static URI at(URI base, String path) {
        return URI.create(base + path);
    }

    private static String pathOf(URI base) {
        return base.getRawPath();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static void assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestHttp.json(response).path("status").asText()).isEqualTo("error");
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void onALoopbackBindTheConsoleIsOpenToAClientOnThisMachine() {
        HttpResponse<String> session = TestHttp.get(at(loopbackBase(), "/console/session"));
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        assertThat(TestHttp.json(session)).isEqualTo(json("{\"open\":true,\"admin\":false}"));
        assertThat(TestHttp.get(at(loopbackBase(), "/console/channels")).statusCode()).isEqualTo(200);
    }

    @Test
    void onABindToEveryInterfaceTheConsoleWithoutATokenIs401() {
        for (String path : List.of("/console/session", "/console/channels", "/console/status")) {
            HttpResponse<String> refused = TestHttp.get(at(wildcardBase(), path));
            assertError(refused, 401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).hasValue(CHALLENGE);
        }
    }

    @Test
    void aTokenThatIsNotAnAdminsIs403() {
        String publisher = TestTokens.token(List.of("*"), List.of("*"));
        HttpResponse<String> refused = TestHttp.get(at(wildcardBase(), "/console/session"),
                "Authorization", "Bearer " + publisher);
        assertError(refused, 403);
        assertThat(TestHttp.json(refused).path("message").asText()).contains("not an admin's");

        HttpResponse<String> signIn = TestHttp.postJson(at(wildcardBase(), "/console/session"),
                "{\"token\":\"" + publisher + "\"}");
        assertError(signIn, 403);
        assertThat(signIn.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void anAdminTokenAsBearerOpensTheConsole() {
        HttpResponse<String> session = TestHttp.get(at(wildcardBase(), "/console/session"),
                "Authorization", "Bearer " + TestTokens.admin(Duration.ofMinutes(5)));
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        assertThat(TestHttp.json(session)).isEqualTo(json("{\"open\":false,\"admin\":true}"));
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieForTheConsolesPathThatLivesAsLongAsTheToken() {
        String admin = TestTokens.admin(Duration.ofMinutes(10));
        HttpResponse<String> signedIn = TestHttp.postJson(at(wildcardBase(), "/console/session"),
                "{\"token\":\"" + admin + "\"}");
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(204);
        assertThat(signedIn.body()).isEmpty();
        List<String> cookies = signedIn.headers().allValues("Set-Cookie");
        assertThat(cookies).hasSize(1);
        List<String> parts = List.of(cookies.get(0).split(";\\s*"));
        assertThat(parts.get(0)).isEqualTo("herald_console=" + admin);
        assertThat(parts).contains("Path=" + pathOf(wildcardBase()) + "/console", "HttpOnly", "SameSite=Strict")
                .doesNotContain("Secure");
        long maxAge = parts.stream().filter(part -> part.startsWith("Max-Age=")).mapToLong(part -> Long.parseLong(
                part.substring("Max-Age=".length()))).findFirst().orElseThrow();
        assertThat(maxAge).isBetween(590L, 600L);

        HttpResponse<String> session = TestHttp.get(at(wildcardBase(), "/console/session"),
                "Cookie", "herald_console=" + admin);
        assertThat(TestHttp.json(session)).isEqualTo(json("{\"open\":false,\"admin\":true}"));
        assertThat(session.body()).doesNotContain(admin);
        assertThat(session.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void signingOutClearsTheCookie() {
        HttpResponse<String> out = TestHttp.request("DELETE", at(wildcardBase(), "/console/session"));
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith("herald_console=;").contains("Max-Age=0", "Path=" + pathOf(wildcardBase()) + "/console"));
    }

    @Test
    void aSignInIsRefusedWithTheReasonAndNoCookie() {
        URI session = at(wildcardBase(), "/console/session");
        HttpResponse<String> bad = TestHttp.postJson(session, "{\"token\":\"nonsense\"}");
        assertError(bad, 401);
        assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> form = TestHttp.post(session, "application/x-www-form-urlencoded",
                "token=" + TestTokens.admin(Duration.ofMinutes(5)));
        assertError(form, 415);
        assertThat(form.headers().firstValue("Set-Cookie")).isEmpty();
        assertError(TestHttp.postJson(session, "{\"tok\":\"x\"}"), 400);
        assertError(TestHttp.postJson(session, "[1]"), 400);
        assertError(TestHttp.request("PUT", session), 405);
    }

    @Test
    void theCookieOpensTheStatusStream() {
        String admin = TestTokens.admin(Duration.ofMinutes(5));
        try (SseTestClient status = SseTestClient.connect(at(wildcardBase(), "/console/status"),
                Map.of("Cookie", "herald_console=" + admin))) {
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));
            ParsedEvent node = nextNode(status);
            JsonNode data = json(node.data());
            assertThat(data.path("node").asText()).isNotBlank();
            assertThat(data.path("broker").asText()).isEqualTo("memory");
            assertThat(data.path("brokerConnected").asBoolean()).isTrue();
            assertThat(data.path("refused").has("token-missing")).isTrue();
        }
    }

    @Test
    void theStatusNumbersMoveWhenStreamsOpenAndEventsArePublished() {
        String channel = "console-" + UUID.randomUUID();
        try (SseTestClient status = SseTestClient.connect(at(loopbackBase(), "/console/status"))) {
            JsonNode before = json(nextNode(status).data());
            List<SseTestClient> streams = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    streams.add(SseTestClient.connect(at(loopbackBase(), "/stream?channel=" + channel)));
                }
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> published = TestHttp.postJson(at(loopbackBase(), "/publish"),
                            "{\"channel\":\"" + channel + "\",\"data\":\"" + i + "\"}", "Authorization", PUBLISHER);
                    assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
                }
                streams.forEach(stream -> stream.next(3));
                AtomicReference<JsonNode> after = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    JsonNode now = json(nextNode(status).data());
                    after.set(now);
                    assertThat(now.path("streams").path("stream").asLong())
                            .isGreaterThanOrEqualTo(before.path("streams").path("stream").asLong() + 2);
                    assertThat(now.path("published").asLong()).isGreaterThanOrEqualTo(before.path("published").asLong() + 3);
                    assertThat(now.path("delivered").asLong()).isGreaterThanOrEqualTo(before.path("delivered").asLong() + 6);
                    assertThat(now.path("topChannels").toString()).contains("{\"channel\":\"" + channel + "\",\"streams\":2}");
                });
                assertThat(after.get().path("time").asLong()).isGreaterThan(before.path("time").asLong());
                assertThat(after.get().path("topChannels").toString()).doesNotContain("$herald");
            } finally {
                streams.forEach(SseTestClient::close);
            }
        }
    }

    @Test
    void theStatusCountsTheAccessControlsRefusals() {
        try (SseTestClient status = SseTestClient.connect(at(loopbackBase(), "/console/status"))) {
            long before = json(nextNode(status).data()).path("refused").path("token-missing").asLong();
            HttpResponse<String> refused = TestHttp.postJson(at(loopbackBase(), "/publish"),
                    "{\"channel\":\"console-refusals\",\"data\":\"x\"}");
            assertError(refused, 401);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(json(nextNode(status).data()).path("refused").path("token-missing").asLong())
                            .isGreaterThan(before));
        }
    }

    @Test
    void theChannelsListHasEachChannelsStreamsMostFirstAndMatches() {
        String tag = UUID.randomUUID().toString();
        List<SseTestClient> streams = new ArrayList<>();
        try {
            for (String channel : List.of("busy-" + tag, "busy-" + tag, "quiet-" + tag)) {
                streams.add(SseTestClient.connect(at(loopbackBase(), "/stream?channel=" + channel)));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> list = TestHttp.get(at(loopbackBase(), "/console/channels?match=" + tag));
                assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
                JsonNode body = TestHttp.json(list);
                assertThat(body.path("node").asText()).isNotBlank();
                assertThat(body.path("channels")).isEqualTo(json("[{\"channel\":\"busy-" + tag + "\",\"streams\":2},"
                        + "{\"channel\":\"quiet-" + tag + "\",\"streams\":1}]"));
                assertThat(body.path("total").asInt()).isEqualTo(2);
                assertThat(body.path("truncated").asBoolean()).isFalse();
            });
            JsonNode one = TestHttp.json(TestHttp.get(at(loopbackBase(), "/console/channels?limit=1&match="
                    + tag.toUpperCase())));
            assertThat(one.path("channels")).isEqualTo(json("[{\"channel\":\"busy-" + tag + "\",\"streams\":2}]"));
            assertThat(one.path("total").asInt()).isEqualTo(2);
            assertThat(one.path("truncated").asBoolean()).isTrue();
            assertThat(TestHttp.get(at(loopbackBase(), "/console/channels?match=%24herald")).body())
                    .contains("\"total\":0");
            assertError(TestHttp.get(at(loopbackBase(), "/console/channels?limit=0")), 400);
            assertError(TestHttp.get(at(loopbackBase(), "/console/channels?limit=1001")), 400);
            assertError(TestHttp.get(at(loopbackBase(), "/console/channels?match=a&match=b")), 400);
        } finally {
            streams.forEach(SseTestClient::close);
        }
    }

    @Test
    void reservedChannelsAreRefusedOnThePublicRoutes() {
        HttpResponse<String> stream = TestHttp.get(at(loopbackBase(), "/stream?channel=%24herald.status"));
        assertError(stream, 400);
        assertThat(TestHttp.json(stream).path("message").asText()).contains("reserved");
        HttpResponse<String> poll = TestHttp.get(at(loopbackBase(), "/poll?channel=%24anything"));
        assertError(poll, 400);
        HttpResponse<String> publish = TestHttp.postJson(at(loopbackBase(), "/publish"),
                "{\"channel\":\"$herald.status\",\"type\":\"node\",\"data\":\"{}\"}", "Authorization", PUBLISHER);
        assertError(publish, 400);
        assertThat(TestHttp.json(publish).path("message").asText()).isEqualTo("channel $herald.status is reserved: "
                + "names beginning with $ are Herald's own (its console's status), not for publishing or subscribing");
    }

    @Test
    void theConsolesFilesAreServedToAnyoneWithThePagesHeaders() {
        HttpResponse<String> index = TestHttp.get(at(wildcardBase(), "/console/"));
        assertThat(index.statusCode()).isEqualTo(200);
        // Tomcat writes the type without the space: the same type
        assertThat(index.headers().firstValue("Content-Type").map(type -> type.replace(" ", "")))
                .hasValue("text/html;charset=utf-8");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'"));
        String etag = index.headers().firstValue("ETag").orElseThrow();
        assertThat(TestHttp.get(at(wildcardBase(), "/console/index.html"), "If-None-Match", etag).statusCode())
                .isEqualTo(304);
        HttpResponse<String> folder = TestHttp.get(at(wildcardBase(), "/console"));
        assertThat(folder.statusCode()).isEqualTo(301);
        assertThat(folder.headers().firstValue("Location")).hasValue(pathOf(wildcardBase()) + "/console/");
        assertError(TestHttp.get(at(wildcardBase(), "/console/no-such-file.js")), 404);
        for (String path : List.of("/console/index.html", "/console/channels", "/console/status")) {
            HttpResponse<String> wrong = TestHttp.request("DELETE", at(wildcardBase(), path));
            assertError(wrong, 405);
            assertThat(wrong.headers().firstValue("Allow")).as(path).hasValue("GET");
        }
    }

    /** The next {@code event: node}, skipping nothing else (the status stream carries only those). */
    private static ParsedEvent nextNode(SseTestClient status) {
        ParsedEvent event = status.next();
        assertThat(event.type()).isEqualTo("node");
        return event;
    }
}
