package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.webhook.GitHubWebhookOptions;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** POST /webhook/github over real HTTP on loopback: GitHub's deliveries become notify events on the stream. */
class GitHubWebhookIT {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String OK = "{\"status\":\"ok\"}";

    private static RunningServer signed;
    private static RunningServer unsigned;

    @BeforeAll
    static void start() {
        signed = RunningServer.start(HeraldConfig.defaults()
                .withGitHubWebhook(GitHubWebhookOptions.defaults().withSecret(SECRET)));
        unsigned = RunningServer.start(HeraldConfig.defaults());
    }

    @AfterAll
    static void stop() {
        signed.close();
        unsigned.close();
    }

    private static GitHubSender github(RunningServer server, String secret) {
        return GitHubSender.to(server.uri("/webhook/github"), secret);
    }

    private static String newDeliveryId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aSignedPushReachesTheStreamAsANotifyEventWithItsSentence() {
        try (SseTestClient client = SseTestClient.connect(signed.uri("/stream"))) {
            HttpResponse<String> response = github(signed, SECRET).deliver("push", newDeliveryId(), GitHubSender.PUSH);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).isEqualTo(OK);
            ParsedEvent event = client.next();
            assertThat(event.type()).isEqualTo("notify");
            assertThat(event.data()).isEqualTo(GitHubSender.PUSH_DATA);
            client.assertNoMoreEvents(QUIET);
        }
    }

    @ParameterizedTest
    @EnumSource(BadSignature.class)
    void aDeliveryWithoutAValidSignatureIsA401AndPublishesNothing(BadSignature bad) {
        try (SseTestClient client = SseTestClient.connect(signed.uri("/stream"))) {
            Map<String, String> headers = new LinkedHashMap<>(
                    github(signed, SECRET).headers("push", newDeliveryId(), GitHubSender.PUSH));
            bad.apply(headers);
            String body = bad == BadSignature.CHANGED_BODY ? GitHubSender.PUSH.replace("octocat", "mallory") : GitHubSender.PUSH;

            HttpResponse<String> response = github(signed, null).send("application/json", body, headers);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).startsWith("{\"status\":\"error\",\"message\":\"X-Hub-Signature-256 ")
                    .doesNotContain(SECRET).doesNotContain(GitHubSender.signature(SECRET, body).substring(7));
            client.assertNoMoreEvents(QUIET);
        }
    }

    /** Ways of spoiling GitHub's signature: none, another secret's, upper-case hex, no sha256=, a body changed after signing. */
    enum BadSignature {
        NONE, OTHER_SECRET, UPPER_CASE, NO_PREFIX, CHANGED_BODY;

        void apply(Map<String, String> headers) {
            String good = headers.get("X-Hub-Signature-256");
            switch (this) {
                case NONE -> headers.remove("X-Hub-Signature-256");
                case OTHER_SECRET -> headers.put("X-Hub-Signature-256", GitHubSender.signature("guess", GitHubSender.PUSH));
                case UPPER_CASE -> headers.put("X-Hub-Signature-256", "sha256=" + good.substring(7).toUpperCase());
                case NO_PREFIX -> headers.put("X-Hub-Signature-256", good.substring(7));
                case CHANGED_BODY -> { }
            }
        }
    }

    @Test
    void aPingIsAnsweredWithPongAndPublishesNothing() {
        try (SseTestClient client = SseTestClient.connect(signed.uri("/stream"))) {
            HttpResponse<String> response = github(signed, SECRET).deliver("ping", newDeliveryId(), GitHubSender.PING);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"ok\",\"message\":\"pong\"}");
            client.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aRedeliveryIsAnsweredButPublishedOnce() {
        try (SseTestClient client = SseTestClient.connect(signed.uri("/stream"))) {
            String id = newDeliveryId();
            GitHubSender github = github(signed, SECRET);

            assertThat(github.deliver("push", id, GitHubSender.PUSH).body()).isEqualTo(OK);
            HttpResponse<String> again = github.deliver("push", id, GitHubSender.PUSH);

            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo("{\"status\":\"ok\",\"message\":\"duplicate delivery ignored\"}");
            assertThat(client.next().data()).isEqualTo(GitHubSender.PUSH_DATA);
            client.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void deliveriesWithoutAnIdAreNotDeduplicated() {
        try (SseTestClient client = SseTestClient.connect(signed.uri("/stream"))) {
            GitHubSender github = github(signed, SECRET);
            assertThat(github.deliver("push", null, GitHubSender.PUSH).body()).isEqualTo(OK);
            assertThat(github.deliver("push", null, GitHubSender.PUSH).body()).isEqualTo(OK);

            assertThat(client.next(2)).extracting(ParsedEvent::data).containsOnly(GitHubSender.PUSH_DATA);
        }
    }

    @Test
    void theChannelOptionChoosesWhereTheEventsGo() {
        try (RunningServer builds = RunningServer.start(HeraldConfig.defaults()
                .withGitHubWebhook(new GitHubWebhookOptions(SECRET, "builds")));
             SseTestClient onBuilds = SseTestClient.connect(builds.uri("/stream?channel=builds"));
             SseTestClient onDefault = SseTestClient.connect(builds.uri("/stream"))) {
            assertThat(github(builds, SECRET).deliver("push", newDeliveryId(), GitHubSender.PUSH).body()).isEqualTo(OK);

            ParsedEvent event = onBuilds.next();
            assertThat(event.type()).isEqualTo("notify");
            assertThat(event.data()).isEqualTo(GitHubSender.PUSH_DATA);
            onDefault.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void withoutASecretOnLoopbackAnUnsignedDeliveryIsTaken() {
        try (SseTestClient client = SseTestClient.connect(unsigned.uri("/stream"))) {
            HttpResponse<String> response = github(unsigned, null).deliver("issues", newDeliveryId(), """
                    {"action": "opened", "issue": {"number": 12, "title": "Login fails"},
                     "repository": {"full_name": "acme/app"}, "sender": {"login": "octocat"}}""");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(OK);
            assertThat(client.next().data()).isEqualTo("{\"message\":\"octocat opened issue #12 in acme/app: Login fails\","
                    + "\"event\":\"issues\",\"repository\":\"acme/app\",\"sender\":\"octocat\"}");
        }
    }

    @Test
    void aFormDeliveryWithAPayloadFieldIsTakenAndSignedOverTheRawForm() {
        try (SseTestClient client = SseTestClient.connect(signed.uri("/stream"))) {
            String form = "payload=" + URLEncoder.encode(GitHubSender.PUSH, StandardCharsets.UTF_8);
            GitHubSender github = github(signed, SECRET);

            HttpResponse<String> response = github.send("application/x-www-form-urlencoded", form,
                    github.headers("push", newDeliveryId(), form));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(client.next().data()).isEqualTo(GitHubSender.PUSH_DATA);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "no event header       | application/json                  | -    | {}                     | 400 | X-GitHub-Event is missing",
        "malformed JSON        | application/json                  | push | {\"ref\":              | 400 | Request body is not valid JSON",
        "JSON that is no object| application/json                  | push | [1, 2]                 | 400 | Request body must be a JSON object",
        "empty body            | application/json                  | push | ``                     | 400 | Request body is empty",
        "form without payload  | application/x-www-form-urlencoded | push | ref=main               | 400 | A form delivery must have a payload field",
        "plain text            | text/plain                        | push | hello                  | 415 | Content-Type must be application/json",
        "no content type       |                                   | push | {}                     | 415 | Content-Type must be application/json",
    })
    void badDeliveriesAreRefusedWithAJsonErrorAndPublishNothing(String name, String contentType, String event, String body,
                                                                int status, String message) {
        try (SseTestClient client = SseTestClient.connect(signed.uri("/stream"))) {
            GitHubSender github = github(signed, SECRET);
            HttpResponse<String> response = github.send(contentType, body,
                    github.headers("-".equals(event) ? null : event, newDeliveryId(), body));

            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.body()).startsWith("{\"status\":\"error\",\"message\":\"" + message)
                    .doesNotContain("Exception").doesNotContain("\tat ");
            client.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void aRefusedDeliveryDoesNotUseUpItsId() {
        try (SseTestClient client = SseTestClient.connect(signed.uri("/stream"))) {
            String id = newDeliveryId();
            GitHubSender github = github(signed, SECRET);
            assertThat(github.send("text/plain", GitHubSender.PUSH, github.headers("push", id, GitHubSender.PUSH))
                    .statusCode()).isEqualTo(415);

            assertThat(github.deliver("push", id, GitHubSender.PUSH).body()).isEqualTo(OK);
            assertThat(client.next().data()).isEqualTo(GitHubSender.PUSH_DATA);
        }
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String big = "{\"ref\": \"" + "x".repeat(70 * 1024) + "\"}";
        GitHubSender github = github(signed, SECRET);
        HttpResponse<String> response = github.deliver("push", newDeliveryId(), big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(
                "{\"status\":\"error\",\"message\":\"Request body is larger than the limit of 65536 bytes\"}");
    }

    @Test
    void aWrongMethodIsA405() {
        HttpResponse<String> response = TestHttp.request("GET", signed.uri("/webhook/github"));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.body()).startsWith("{\"status\":\"error\"");
    }
}
