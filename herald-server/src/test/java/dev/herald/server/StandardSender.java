package dev.herald.server;

import dev.herald.testing.TestHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks sender in tests: deliveries POSTed with webhook-id, webhook-timestamp and webhook-signature,
 * signed as the specification says with the JDK alone, not with Herald's code, so that the two check each other.
 *
 * @param webhook where to deliver
 * @param secret  what to sign with, {@code whsec_<base64>}
 */
record StandardSender(URI webhook, String secret) {

    /** Delivers to {@code webhook}, signing with {@code secret} ({@code whsec_<base64>}). */
    static StandardSender to(URI webhook, String secret) {
        return new StandardSender(webhook, secret);
    }

    /** {@code whsec_} and the base64 of {@code key}. */
    static String secretOf(String key) {
        return "whsec_" + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the decoded secret. */
    static String signature(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] signed = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A JSON delivery signed now. */
    HttpResponse<String> deliver(String id, String json) {
        return send("application/json", json, headers(id, Instant.now().getEpochSecond(), json));
    }

    /** The three headers for a body sent at {@code timestamp}. */
    Map<String, String> headers(String id, long timestamp, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", String.valueOf(timestamp));
        headers.put("webhook-signature", signature(secret, id, timestamp, body));
        return headers;
    }

    /** Any body with any headers. */
    HttpResponse<String> send(String contentType, String body, Map<String, String> headers) {
        return TestHttp.post(webhook, contentType, body, headers);
    }
}
