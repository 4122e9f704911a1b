package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.webhook.MessageTemplate;
import dev.herald.server.webhook.StandardWebhookOptions;
import dev.herald.server.webhook.StandardWebhooks;
import dev.herald.server.webhook.WebhookSecret;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** POST /webhook/{name} over real HTTP on loopback: signed Standard Webhooks deliveries become events on the stream. */
class StandardWebhookIT {

    private static final String STRIPE_SECRET = StandardSender.secretOf("stripe's key of 24 bytes");
    private static final String RESEND_SECRET = StandardSender.secretOf("resend's key of 24 bytes");
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String OK = "{\"status\":\"ok\"}";
    private static final String INVOICE = """
            {"type": "invoice.paid", "timestamp": "2026-11-03T20:26:10Z",
             "data": {"object": {"id": "in_1", "amount": 1250, "note": "{{type}}"}}}""";
    private static final String INVOICE_DATA = "{\"message\":\"Payment in_1 of 1250 is invoice.paid ({{type}})\","
            + "\"webhook\":\"stripe\",\"event\":\"invoice.paid\"}";

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(HeraldConfig.defaults().withWebhooks(StandardWebhooks.of(List.of(
                new StandardWebhookOptions("stripe", WebhookSecret.parse(STRIPE_SECRET), "payments", "notify",
                        MessageTemplate.parse("Payment {{data.object.id}} of {{data.object.amount}} is {{type}} "
                                + "({{data.object.note}})")),
                new StandardWebhookOptions("resend", WebhookSecret.parse(RESEND_SECRET), "mail", "email",
                        MessageTemplate.parse("Mail to {{data.to.0}}: {{data.subject}}"))))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static StandardSender stripe(String secret) {
        return StandardSender.to(server.uri("/webhook/stripe"), secret);
    }

    private static SseTestClient onPayments() {
        return SseTestClient.connect(server.uri("/stream?channel=payments"));
    }

    private static String newId() {
        return "msg_" + UUID.randomUUID();
    }

    @Test
    void aSignedDeliveryReachesTheHooksChannelWithItsMessage() {
        try (SseTestClient payments = onPayments(); SseTestClient onDefault = SseTestClient.connect(server.uri("/stream"))) {
            HttpResponse<String> response = stripe(STRIPE_SECRET).deliver(newId(), INVOICE);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).isEqualTo(OK);
            ParsedEvent event = payments.next();
            assertThat(event.type()).isEqualTo("notify");
            assertThat(event.data()).isEqualTo(INVOICE_DATA);
            payments.assertNoMoreEvents(QUIET);
            onDefault.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void twoHooksPublishOnTheirOwnChannelsWithTheirOwnTypes() {
        try (SseTestClient payments = onPayments(); SseTestClient mail = SseTestClient.connect(server.uri("/stream?channel=mail"))) {
            String email = "{\"type\": \"email.sent\", \"data\": {\"to\": [\"ada@example.com\"], \"subject\": \"Hi\"}}";
            assertThat(StandardSender.to(server.uri("/webhook/resend"), RESEND_SECRET).deliver(newId(), email).body())
                    .isEqualTo(OK);
            assertThat(stripe(STRIPE_SECRET).deliver(newId(), INVOICE).body()).isEqualTo(OK);

            ParsedEvent sent = mail.next();
            assertThat(sent.type()).isEqualTo("email");
            assertThat(sent.data()).isEqualTo(
                    "{\"message\":\"Mail to ada@example.com: Hi\",\"webhook\":\"resend\",\"event\":\"email.sent\"}");
            assertThat(payments.next().data()).isEqualTo(INVOICE_DATA);
            mail.assertNoMoreEvents(QUIET);
            payments.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void oneHooksSecretDoesNotOpenAnother() {
        try (SseTestClient payments = onPayments()) {
            HttpResponse<String> response = stripe(RESEND_SECRET).deliver(newId(), INVOICE);
            assertThat(response.statusCode()).isEqualTo(401);
            payments.assertNoMoreEvents(QUIET);
        }
    }

    @ParameterizedTest
    @EnumSource(BadDelivery.class)
    void aDeliveryWithoutAValidSignatureIsA401AndPublishesNothing(BadDelivery bad) {
        try (SseTestClient payments = onPayments()) {
            StandardSender stripe = stripe(STRIPE_SECRET);
            Map<String, String> headers = new LinkedHashMap<>(stripe.headers(newId(), bad.timestamp(), INVOICE));
            bad.apply(headers);
            String body = bad == BadDelivery.CHANGED_BODY ? INVOICE.replace("in_1", "in_2") : INVOICE;

            HttpResponse<String> response = stripe.send("application/json", body, headers);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).startsWith("{\"status\":\"error\",\"message\":\"" + bad.problem)
                    .doesNotContain(STRIPE_SECRET.substring(6));
            payments.assertNoMoreEvents(QUIET);
        }
    }

    /** Ways a delivery fails to be authenticated, with the start of the answer's message. */
    enum BadDelivery {
        NO_SIGNATURE("webhook-signature is missing"),
        OTHER_SECRET("webhook-signature does not match"),
        CHANGED_BODY("webhook-signature does not match"),
        ONLY_V2("webhook-signature has no v1 signature"),
        NO_ID("webhook-id is missing"),
        NO_TIMESTAMP("webhook-timestamp is missing"),
        SIX_MINUTES_OLD("webhook-timestamp is too old"),
        SIX_MINUTES_AHEAD("webhook-timestamp is too new");

        final String problem;

        BadDelivery(String problem) {
            this.problem = problem;
        }

        /** When the delivery says it was sent (and is signed for). */
        long timestamp() {
            Instant now = Instant.now();
            return switch (this) {
                case SIX_MINUTES_OLD -> now.minus(Duration.ofMinutes(6)).getEpochSecond();
                case SIX_MINUTES_AHEAD -> now.plus(Duration.ofMinutes(6)).getEpochSecond();
                default -> now.getEpochSecond();
            };
        }

        void apply(Map<String, String> headers) {
            String good = headers.get("webhook-signature");
            switch (this) {
                case NO_SIGNATURE -> headers.remove("webhook-signature");
                case OTHER_SECRET -> headers.put("webhook-signature", StandardSender.signature(
                        StandardSender.secretOf("a guess at the key, 24 b"), headers.get("webhook-id"),
                        Long.parseLong(headers.get("webhook-timestamp")), INVOICE));
                case ONLY_V2 -> headers.put("webhook-signature", "v2," + good.substring(3));
                case NO_ID -> headers.remove("webhook-id");
                case NO_TIMESTAMP -> headers.remove("webhook-timestamp");
                default -> { }
            }
        }
    }

    @Test
    void aRotatedKeysSignatureBesideTheCurrentOneIsTaken() {
        try (SseTestClient payments = onPayments()) {
            StandardSender stripe = stripe(STRIPE_SECRET);
            String id = newId();
            long now = Instant.now().getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>(stripe.headers(id, now, INVOICE));
            String old = StandardSender.signature(StandardSender.secretOf("the key before rotation!"), id, now, INVOICE);
            headers.put("webhook-signature", old + " " + headers.get("webhook-signature"));

            assertThat(stripe.send("application/json", INVOICE, headers).body()).isEqualTo(OK);
            assertThat(payments.next().data()).isEqualTo(INVOICE_DATA);
        }
    }

    @Test
    void aRedeliveryIsAnsweredButPublishedOnce() {
        try (SseTestClient payments = onPayments()) {
            String id = newId();
            StandardSender stripe = stripe(STRIPE_SECRET);
            assertThat(stripe.deliver(id, INVOICE).body()).isEqualTo(OK);

            HttpResponse<String> again = stripe.deliver(id, INVOICE);

            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo("{\"status\":\"ok\",\"message\":\"duplicate delivery ignored\"}");
            assertThat(payments.next().data()).isEqualTo(INVOICE_DATA);
            payments.assertNoMoreEvents(QUIET);
        }
    }

    @Test
    void theSameIdFromAnotherHookIsAnotherDelivery() {
        try (SseTestClient payments = onPayments(); SseTestClient mail = SseTestClient.connect(server.uri("/stream?channel=mail"))) {
            String id = newId();
            assertThat(stripe(STRIPE_SECRET).deliver(id, INVOICE).body()).isEqualTo(OK);
            assertThat(StandardSender.to(server.uri("/webhook/resend"), RESEND_SECRET).deliver(id, "{}").body()).isEqualTo(OK);

            assertThat(payments.next().data()).isEqualTo(INVOICE_DATA);
            assertThat(mail.next().data()).isEqualTo("{\"message\":\"Mail to : \",\"webhook\":\"resend\"}");
        }
    }

    @Test
    void anUnknownHookIsA404() {
        HttpResponse<String> response = StandardSender.to(server.uri("/webhook/nobody"), STRIPE_SECRET).deliver(newId(), INVOICE);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"No webhook is named nobody; "
                + "the webhooks are configured in --webhooks-file\"}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "malformed JSON         | application/json | {\"type\":           | 400 | Request body is not valid JSON",
        "JSON that is no object | application/json | [1, 2]               | 400 | Request body must be a JSON object",
        "empty body             | application/json | ``                   | 400 | Request body is empty",
        "plain text             | text/plain       | hello                | 415 | Content-Type must be application/json",
    })
    void aSignedDeliveryThatIsNotAJsonObjectIsRefusedAndPublishesNothing(String name, String contentType, String body,
                                                                         int status, String message) {
        try (SseTestClient payments = onPayments()) {
            StandardSender stripe = stripe(STRIPE_SECRET);
            String id = newId();
            HttpResponse<String> response = stripe.send(contentType, body, stripe.headers(id, Instant.now().getEpochSecond(), body));

            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.body()).startsWith("{\"status\":\"error\",\"message\":\"" + message)
                    .doesNotContain("Exception");
            payments.assertNoMoreEvents(QUIET);
            assertThat(stripe.deliver(id, INVOICE).body()).as("a refused delivery does not use up its id").isEqualTo(OK);
        }
    }

    @Test
    void anIdLongerThan100IsA400() {
        HttpResponse<String> response = stripe(STRIPE_SECRET).deliver("m".repeat(101), INVOICE);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("webhook-id must be at most 100 characters");
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String big = "{\"type\": \"" + "x".repeat(70 * 1024) + "\"}";
        HttpResponse<String> response = stripe(STRIPE_SECRET).deliver(newId(), big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(
                "{\"status\":\"error\",\"message\":\"Request body is larger than the limit of 65536 bytes\"}");
    }

    @Test
    void aWrongMethodIsA405() {
        HttpResponse<String> response = TestHttp.request("GET", server.uri("/webhook/stripe"));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void gitHubsRouteKeepsItsPath() {
        HttpResponse<String> response = StandardSender.to(server.uri("/webhook/github"), STRIPE_SECRET).deliver(newId(), INVOICE);
        assertThat(response.statusCode()).as("GitHub's route answers, not this one's 404").isEqualTo(400);
        assertThat(response.body()).contains("X-GitHub-Event is missing");
    }
}
