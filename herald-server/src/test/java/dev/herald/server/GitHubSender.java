package dev.herald.server;

import dev.herald.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's side of the webhook in tests: deliveries POSTed over HTTP with GitHub's headers, signed as GitHub signs them.
 * The signature is computed here with the JDK alone, not with Herald's code, so that the two check each other.
 */
final class GitHubSender {

    static final String PUSH = """
            {"ref": "refs/heads/main", "created": false, "deleted": false, "forced": false,
             "compare": "https://github.com/acme/app/compare/6113728f27ae...59b20b8d5c6f",
             "commits": [{"id": "a1", "message": "Fix login"}, {"id": "a2", "message": "Add test"}],
             "pusher": {"name": "octocat", "email": "octocat@github.com"},
             "repository": {"name": "app", "full_name": "acme/app", "html_url": "https://github.com/acme/app"},
             "sender": {"login": "octocat", "id": 1}}""";
    /** The data of the notify event {@link #PUSH} becomes, as the stream carries it. */
    static final String PUSH_DATA = "{\"message\":\"octocat pushed 2 commits to main in acme/app\",\"event\":\"push\","
            + "\"repository\":\"acme/app\",\"url\":\"https://github.com/acme/app/compare/6113728f27ae...59b20b8d5c6f\","
            + "\"sender\":\"octocat\"}";
    static final String PING = """
            {"zen": "Keep it logically awesome.", "hook_id": 42,
             "hook": {"type": "Repository", "id": 42, "events": ["push", "issues"], "config": {"content_type": "json"}},
             "repository": {"full_name": "acme/app"}, "sender": {"login": "octocat"}}""";

    private final URI webhook;
    private final String secret;

    private GitHubSender(URI webhook, String secret) {
        this.webhook = webhook;
        this.secret = secret;
    }

    /** Delivers to {@code webhook}, signing with {@code secret} ({@code null}: unsigned). */
    static GitHubSender to(URI webhook, String secret) {
        return new GitHubSender(webhook, secret);
    }

    /** {@code sha256=} and the lowercase hex HMAC-SHA256 of {@code body}. */
    static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A JSON delivery of {@code event} with a delivery id ({@code null}: without the header), signed when there is a secret. */
    HttpResponse<String> deliver(String event, String deliveryId, String json) {
        return send("application/json", json, headers(event, deliveryId, json));
    }

    /** GitHub's headers for a body: the event, the delivery id when given, the signature when there is a secret. */
    Map<String, String> headers(String event, String deliveryId, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "GitHub-Hookshot/044aadd");
        if (event != null) {
            headers.put("X-GitHub-Event", event);
        }
        if (deliveryId != null) {
            headers.put("X-GitHub-Delivery", deliveryId);
        }
        if (secret != null) {
            headers.put("X-Hub-Signature-256", signature(secret, body));
        }
        return headers;
    }

    /** Any body with any headers. */
    HttpResponse<String> send(String contentType, String body, Map<String, String> headers) {
        return TestHttp.post(webhook, contentType, body, headers);
    }
}
