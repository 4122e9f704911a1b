package dev.herald.server.webhook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.ChannelNames;
import dev.herald.options.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the Standard Webhooks from a JSON file ({@code --webhooks-file}), one object per webhook under its name:
 * <pre>{@code
 * {"stripe": {"secretEnv": "STRIPE_WEBHOOK_SECRET", "channel": "payments", "type": "payment",
 *             "message": "Payment {{data.object.id}} is {{type}}"}}
 * }</pre>
 * Fields: {@code secret} ({@code whsec_...}) or {@code secretEnv} (the environment variable holding it), one of the
 * two; {@code message} (a {@link MessageTemplate}); {@code channel} (default {@value ChannelNames#DEFAULT});
 * {@code type} (default {@value StandardWebhookOptions#DEFAULT_TYPE}). Anything else is refused, so that a misspelt
 * field is not silently ignored. Every refusal is an {@link InvalidOptionException} under
 * {@value StandardWebhookOptions#OPTION} whose problem starts with the file's path.
 */
public final class WebhooksFile {

    static final String SECRET = "secret";
    static final String SECRET_ENV = "secretEnv";
    static final String CHANNEL = "channel";
    static final String TYPE = "type";
    static final String MESSAGE = "message";
    private static final Set<String> FIELDS = Set.of(SECRET, SECRET_ENV, CHANNEL, TYPE, MESSAGE);
    private static final String FIELD_LIST = String.join(", ", SECRET, SECRET_ENV, CHANNEL, TYPE, MESSAGE);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private WebhooksFile() {
    }

    /**
     * The webhooks the file describes; {@code environment} reads the variables that {@code secretEnv} names.
     *
     * @throws InvalidOptionException when the file cannot be read, is not such JSON, or describes a webhook wrongly
     */
    public static StandardWebhooks read(Path file, Function<String, String> environment) {
        try {
            return parse(load(file), environment);
        } catch (InvalidOptionException invalid) {
            throw new InvalidOptionException(StandardWebhookOptions.OPTION, file + ": " + invalid.problem());
        }
    }

    private static JsonNode load(Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException missing) {
            throw problem("no such file");
        } catch (JsonProcessingException notJson) {
            JsonLocation at = notJson.getLocation();
            throw problem("not valid JSON: " + notJson.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException | SecurityException unreadable) {
            throw problem("cannot be read: " + unreadable);
        }
    }

    private static StandardWebhooks parse(JsonNode root, Function<String, String> environment) {
        if (root == null || !root.isObject()) {
            throw problem("must hold a JSON object, each webhook's name to its fields, like {\"stripe\": {\"secretEnv\": "
                    + "\"STRIPE_WEBHOOK_SECRET\", \"channel\": \"payments\", \"message\": \"{{type}}\"}}");
        }
        List<StandardWebhookOptions> webhooks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            webhooks.add(webhook(entry.getKey(), entry.getValue(), environment));
        }
        return StandardWebhooks.of(webhooks);
    }

    private static StandardWebhookOptions webhook(String name, JsonNode fields, Function<String, String> environment) {
        if (!fields.isObject()) {
            throw StandardWebhookOptions.invalid(name, "must be a JSON object with the fields " + FIELD_LIST);
        }
        for (Iterator<String> it = fields.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw StandardWebhookOptions.invalid(name, "unknown field \"" + field + "\"; the fields are " + FIELD_LIST);
            }
            if (!fields.get(field).isTextual()) {
                throw StandardWebhookOptions.invalid(name, field + " must be a string");
            }
        }
        String message = text(fields, MESSAGE, null);
        return new StandardWebhookOptions(name, secret(name, fields, environment),
                text(fields, CHANNEL, ChannelNames.DEFAULT), text(fields, TYPE, StandardWebhookOptions.DEFAULT_TYPE),
                message == null ? null : template(name, message));
    }

    private static MessageTemplate template(String name, String message) {
        try {
            return MessageTemplate.parse(message);
        } catch (IllegalArgumentException bad) {
            throw StandardWebhookOptions.invalid(name, "message " + bad.getMessage());
        }
    }

    private static WebhookSecret secret(String name, JsonNode fields, Function<String, String> environment) {
        String written = text(fields, SECRET, null);
        String variable = text(fields, SECRET_ENV, null);
        if ((written == null) == (variable == null)) {
            throw StandardWebhookOptions.invalid(name, "give either " + SECRET + " or " + SECRET_ENV
                    + " (the environment variable holding the secret), one of them");
        }
        if (variable != null) {
            written = environment.apply(variable);
            if (written == null || written.isEmpty()) {
                throw StandardWebhookOptions.invalid(name, SECRET_ENV + " names " + variable + ", which is not set");
            }
        }
        try {
            return WebhookSecret.parse(written);
        } catch (IllegalArgumentException bad) {
            throw StandardWebhookOptions.invalid(name, (variable == null ? "" : variable + ": ") + bad.getMessage());
        }
    }

    private static String text(JsonNode fields, String field, String otherwise) {
        JsonNode value = fields.get(field);
        return value == null ? otherwise : value.asText();
    }

    private static InvalidOptionException problem(String problem) {
        return new InvalidOptionException(StandardWebhookOptions.OPTION, problem);
    }
}
