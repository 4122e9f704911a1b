package dev.herald.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.options.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The webhooks file is read and checked once, at start; each refusal names the file and the problem. */
class WebhooksFileTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Map<String, String> ENVIRONMENT = Map.of("STRIPE_WEBHOOK_SECRET", SECRET, "NOT_A_SECRET", "hunter2");

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("webhooks.json"), json);
    }

    private StandardWebhooks read(String json) throws IOException {
        return WebhooksFile.read(write(json), ENVIRONMENT::get);
    }

    /** The problem the file is refused with, after its path. */
    private String refusal(String json) throws IOException {
        Path file = write(json);
        try {
            WebhooksFile.read(file, ENVIRONMENT::get);
        } catch (InvalidOptionException invalid) {
            assertThat(invalid.option()).isEqualTo("webhooks-file");
            assertThat(invalid.problem()).startsWith(file + ": ").doesNotContain(SECRET.substring(6)).doesNotContain("hunter2");
            return invalid.problem().substring(file.toString().length() + 2);
        }
        throw new AssertionError("the file was taken: " + json);
    }

    @Test
    void aWebhookWithEveryFieldIsRead() throws IOException {
        StandardWebhooks webhooks = read("""
                {"stripe": {"secret": "%s", "channel": "payments", "type": "payment",
                            "message": "Payment {{data.object.id}} is {{type}}"}}""".formatted(SECRET));

        StandardWebhookOptions stripe = webhooks.find("stripe").orElseThrow();
        assertThat(stripe.name()).isEqualTo("stripe");
        assertThat(stripe.channel()).isEqualTo("payments");
        assertThat(stripe.type()).isEqualTo("payment");
        assertThat(stripe.message()).isEqualTo(MessageTemplate.parse("Payment {{data.object.id}} is {{type}}"));
        assertThat(webhooks.find("github")).isEmpty();
        assertThat(webhooks.toString()).doesNotContain(SECRET.substring(6));
    }

    @Test
    void theSecretMayComeFromTheEnvironmentAndChannelAndTypeHaveDefaults() throws IOException {
        StandardWebhooks webhooks = read("""
                {"stripe": {"secretEnv": "STRIPE_WEBHOOK_SECRET", "message": "{{type}}"},
                 "resend-2": {"secret": "%s", "message": "mail {{data.email_id}}"}}""".formatted(SECRET));

        assertThat(webhooks.byName()).containsOnlyKeys("stripe", "resend-2");
        assertThat(webhooks.find("stripe").orElseThrow().channel()).isEqualTo("sse");
        assertThat(webhooks.find("stripe").orElseThrow().type()).isEqualTo("notify");
    }

    @Test
    void anEmptyObjectIsNoWebhooks() throws IOException {
        assertThat(read("{}").byName()).isEmpty();
    }

    @Test
    void aMissingFileIsRefused() {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> WebhooksFile.read(missing, ENVIRONMENT::get))
                .isInstanceOfSatisfying(InvalidOptionException.class,
                        invalid -> assertThat(invalid.problem()).isEqualTo(missing + ": no such file"));
    }

    @Test
    void aFileThatIsNotJsonIsRefusedWithWhere() throws IOException {
        assertThat(refusal("{\"stripe\": {\"secret\": \"x\",}")).startsWith("not valid JSON: ").contains("(line 1, column");
        assertThat(refusal("")).startsWith("must hold a JSON object");
        assertThat(refusal("[]")).startsWith("must hold a JSON object");
        assertThat(refusal("{} {}")).startsWith("not valid JSON: ");
        assertThat(refusal("{\"a\": {\"secret\": \"%s\", \"message\": \"m\"},\n \"a\": {}}".formatted(SECRET)))
                .isEqualTo("not valid JSON: Duplicate field 'a' (line 2, column 5)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "unknown field       | {\"stripe\": {\"secret\": \"@SECRET@\", \"message\": \"m\", \"chanel\": \"x\"}} "
                + "| webhook \"stripe\": unknown field \"chanel\"; the fields are secret, secretEnv, channel, type, message",
        "upper-case name     | {\"Stripe\": {\"secret\": \"@SECRET@\", \"message\": \"m\"}} "
                + "| webhook names must be 1 to 64 of a-z, 0-9 and -, got \"Stripe\"",
        "name with a slash   | {\"a/b\": {\"secret\": \"@SECRET@\", \"message\": \"m\"}} "
                + "| webhook names must be 1 to 64 of a-z, 0-9 and -, got \"a/b\"",
        "empty name          | {\"\": {\"secret\": \"@SECRET@\", \"message\": \"m\"}} "
                + "| webhook names must be 1 to 64 of a-z, 0-9 and -, got \"\"",
        "github              | {\"github\": {\"secret\": \"@SECRET@\", \"message\": \"m\"}} "
                + "| webhook \"github\": the name is taken by GitHub's webhook at /webhook/github (its options are --github-webhook-*); choose another",
        "no secret           | {\"stripe\": {\"message\": \"m\"}} "
                + "| webhook \"stripe\": give either secret or secretEnv (the environment variable holding the secret), one of them",
        "both secrets        | {\"stripe\": {\"secret\": \"@SECRET@\", \"secretEnv\": \"STRIPE_WEBHOOK_SECRET\", \"message\": \"m\"}} "
                + "| webhook \"stripe\": give either secret or secretEnv (the environment variable holding the secret), one of them",
        "secret not whsec_   | {\"stripe\": {\"secret\": \"hunter2\", \"message\": \"m\"}} "
                + "| webhook \"stripe\": secret must start with whsec_, as the sender shows it",
        "secret not base64   | {\"stripe\": {\"secret\": \"whsec_hunter2!\", \"message\": \"m\"}} "
                + "| webhook \"stripe\": secret must be whsec_ followed by base64, and what follows whsec_ is not base64",
        "unset variable      | {\"stripe\": {\"secretEnv\": \"NO_SUCH_VARIABLE\", \"message\": \"m\"}} "
                + "| webhook \"stripe\": secretEnv names NO_SUCH_VARIABLE, which is not set",
        "variable not whsec_ | {\"stripe\": {\"secretEnv\": \"NOT_A_SECRET\", \"message\": \"m\"}} "
                + "| webhook \"stripe\": NOT_A_SECRET: secret must start with whsec_, as the sender shows it",
        "empty channel       | {\"stripe\": {\"secret\": \"@SECRET@\", \"channel\": \"\", \"message\": \"m\"}} "
                + "| webhook \"stripe\": channel name must not be empty",
        "channel with a tab  | {\"stripe\": {\"secret\": \"@SECRET@\", \"channel\": \"a\\tb\", \"message\": \"m\"}} "
                + "| webhook \"stripe\": channel name must not contain control characters (found U+0009 at position 1)",
        "type with a newline | {\"stripe\": {\"secret\": \"@SECRET@\", \"type\": \"a\\nb\", \"message\": \"m\"}} "
                + "| webhook \"stripe\": event type must not contain CR or LF: \"a\\nb\"",
        "empty type          | {\"stripe\": {\"secret\": \"@SECRET@\", \"type\": \"\", \"message\": \"m\"}} "
                + "| webhook \"stripe\": type must not be empty; leave it out for notify",
        "no message          | {\"stripe\": {\"secret\": \"@SECRET@\"}} "
                + "| webhook \"stripe\": message must be given, such as \"{{type}} for {{data.id}}\"",
        "unclosed template   | {\"stripe\": {\"secret\": \"@SECRET@\", \"message\": \"Payment {{data.id\"}} "
                + "| webhook \"stripe\": message has a {{ without its }} at position 8",
        "number for a string | {\"stripe\": {\"secret\": \"@SECRET@\", \"channel\": 7, \"message\": \"m\"}} "
                + "| webhook \"stripe\": channel must be a string",
        "webhook not object  | {\"stripe\": \"whsec_x\"} "
                + "| webhook \"stripe\": must be a JSON object with the fields secret, secretEnv, channel, type, message",
    })
    void aBadFileIsRefusedWithItsProblem(String name, String json, String problem) throws IOException {
        assertThat(refusal(json.replace("@SECRET@", SECRET))).isEqualTo(problem);
    }

    @Test
    void aNameOf64IsTakenAndOf65Refused() throws IOException {
        assertThat(read("{\"%s\": {\"secret\": \"%s\", \"message\": \"m\"}}".formatted("a".repeat(64), SECRET)).byName())
                .hasSize(1);
        assertThat(refusal("{\"%s\": {\"secret\": \"%s\", \"message\": \"m\"}}".formatted("a".repeat(65), SECRET)))
                .startsWith("webhook names must be 1 to 64");
    }
}
