package dev.herald.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of hostile HTTP requests against Herald's paths: malformed percent-encodings and invalid UTF-8 in
 * the request line, odd methods, huge and repeated headers, broken and hostile JSON bodies, forged webhook headers.
 * Some requests are well-formed publishes whose event a test can recognise later ({@link Request#published}).
 */
final class HostileRequests {

    /** A request to send, and, for a publish that should succeed if accepted, the event it asks for. */
    record Request(byte[] bytes, Published published) {
    }

    /** What a publish asked to send on {@link #CHANNEL}: the event a stream must carry exactly, if it was accepted. */
    record Published(String type, String data, String id) {
    }

    /** The channel whose streams the fuzz test watches. */
    static final String CHANNEL = "fuzz";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PATHS = List.of("/stream", "/poll", "/publish", "/send_notification", "/webhook/github", "/",
            "/app.js", "/favicon.ico", "/nothing", "/stream/", "//stream", "/publish/", "/webjars/vue/", "/../etc/passwd");
    private static final List<String> METHODS = List.of("GET", "POST", "POST", "POST", "PUT", "DELETE", "OPTIONS", "HEAD",
            "PATCH", "TRACE", "CONNECT", "BREW", "G\u00c9T");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=latin1", "text/plain", "application/x-www-form-urlencoded", "", "application/",
            "*/*", "application/merge-patch+json", "multipart/form-data; boundary=x");
    private static final List<String> GITHUB_EVENTS = List.of("push", "ping", "issues", "pull_request", "release",
            "star", "fork", "workflow_run", "issue_comment", "deployment", "", "push\u0000", "../../x");

    private final Random random;

    HostileRequests(long seed) {
        this.random = new Random(seed);
    }

    /** The next request. */
    Request next() {
        return switch (random.nextInt(6)) {
            case 0 -> correlatedPublish();
            case 1 -> brokenRequestLine();
            case 2 -> hostileHeaders();
            default -> hostileBody();
        };
    }

    /** A publish on {@link #CHANNEL} with fields that are valid JSON but hostile as text. */
    private Request correlatedPublish() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", CHANNEL);
        String type = random.nextInt(3) == 0 ? null : text(12);
        String data = text(random.nextInt(200));
        String id = random.nextInt(3) == 0 ? text(10) : null;
        if (type != null) {
            body.put("type", type);
        }
        body.put("data", data);
        if (id != null) {
            body.put("id", id);
        }
        return new Request(request("POST", "/publish", "application/json", json(body), Map.of()), new Published(type, data, id));
    }

    private Request brokenRequestLine() {
        String target = pick(PATHS) + (random.nextBoolean() ? "?" + query() : "") + (random.nextInt(4) == 0 ? percent() : "");
        byte[] line = bytes(pick(METHODS) + " " + target);
        if (random.nextInt(5) == 0) {
            line = concat(line, new byte[] {(byte) (0x80 + random.nextInt(0x80)), (byte) 0xC0, (byte) 0x2F});
        }
        if (random.nextInt(20) == 0) {
            line = bytes("GET /stream?channel=" + "a".repeat(20_000 + random.nextInt(60_000)));
        }
        return new Request(concat(line, bytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")), null);
    }

    private Request hostileHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (random.nextInt(6)) {
            case 0 -> headers.put("Last-Event-ID", text(random.nextInt(300)));
            case 1 -> headers.put("X-Big", "x".repeat(random.nextInt(40_000)));
            case 2 -> headers.put("Last-Event-ID", "%zz\u00ff\u0001" + text(5));
            case 3 -> {
                for (int i = 0; i < 50 + random.nextInt(200); i++) {
                    headers.put("X-Repeated-" + i, text(20));
                }
            }
            case 4 -> headers.put("X-Hub-Signature-256", "sha256=" + text(64));
            default -> headers.put("X-GitHub-Event", pick(GITHUB_EVENTS));
        }
        String method = random.nextBoolean() ? "GET" : "POST";
        return new Request(request(method, pick(PATHS) + "?" + query(), pick(CONTENT_TYPES), bytes(randomJson()), headers), null);
    }

    private Request hostileBody() {
        byte[] body = switch (random.nextInt(8)) {
            case 0 -> bytes(randomJson());
            case 1 -> truncated(bytes(randomJson()));
            case 2 -> bytes("[".repeat(2000 + random.nextInt(20_000)));
            case 3 -> randomBytes(random.nextInt(2000));
            case 4 -> random.nextBoolean() ? concat(bytes("{\"data\":\""), concat(randomBytes(50), bytes("\"}")))
                    : bytes("{\"data\":\"\\ud800 a lone surrogate\",\"type\":\"\\udc00\"}");
            case 5 -> bytes("{\"message\":" + randomValue() + "}");
            case 6 -> bytes("{\"data\":\"x\",\"data\":" + randomValue() + ",\"retry\":" + randomNumber() + "}");
            default -> bytes("x".repeat(60_000 + random.nextInt(20_000)));
        };
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            headers.put("X-GitHub-Event", pick(GITHUB_EVENTS));
            headers.put("X-GitHub-Delivery", text(36));
        }
        String path = List.of("/publish", "/send_notification", "/webhook/github").get(random.nextInt(3));
        return new Request(request("POST", path, pick(CONTENT_TYPES), body, headers), null);
    }

    private String randomJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> fields = List.of("channel", "type", "data", "id", "retry", "message", "ref", "zen", "action");
        for (int i = random.nextInt(6); i > 0; i--) {
            body.put(pick(fields), randomValue());
        }
        return new String(json(body), StandardCharsets.UTF_8);
    }

    private Object randomValue() {
        return switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> randomNumber();
            case 2 -> random.nextBoolean();
            case 3 -> List.of(text(5), random.nextInt());
            case 4 -> Map.of("k", text(8), "n", Map.of("deep", text(3)));
            case 5 -> "";
            case 6 -> "12-34";
            default -> text(random.nextInt(80));
        };
    }

    private Object randomNumber() {
        return switch (random.nextInt(5)) {
            case 0 -> -random.nextInt(1000);
            case 1 -> random.nextDouble() * 1e6;
            case 2 -> Long.MAX_VALUE;
            case 3 -> new java.math.BigInteger("1" + "0".repeat(40));
            default -> random.nextInt(100_000);
        };
    }

    /** Text with what breaks event streams: CR, LF, NUL, colons, field names, non-ASCII, surrogate pairs. */
    private String text(int length) {
        String[] pieces = {"\n", "\r", "\r\n", "\u0000", ":", "data: x", "id: 9", "event: evil", "retry: 1", " ",
            "é", "\u2028", "\ud83d\ude00", "%zz", "\\", "\"", "<script>", "a", "b", "1-2"};
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(random.nextInt(3) == 0 ? pieces[random.nextInt(pieces.length)] : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private String query() {
        StringBuilder query = new StringBuilder();
        // A value is never a bare number, so no poll here waits: a wait or rewind is refused, as it should be.
        List<String> names = List.of("channel", "channel", "lastEventId", "Last-Event-ID", "last_event_id", "since",
                "rewind", "wait", "x", "");
        for (int i = 1 + random.nextInt(random.nextInt(10) == 0 ? 80 : 4); i > 0; i--) {
            query.append(query.length() == 0 ? "" : "&").append(pick(names)).append('=')
                    .append(random.nextInt(3) == 0 ? percent() : "v" + random.nextInt(100));
        }
        return query.toString();
    }

    /** A percent-encoding, often broken: {@code %zz}, {@code %}, {@code %4}, overlong UTF-8, a NUL. */
    private String percent() {
        return pick(List.of("%zz", "%", "%4", "%e9", "%c3%28", "%C0%AF", "%00", "%0a", "%0d%0aX-Injected:%201",
                "%ff%fe", "%25", "%2F..%2F", "%u0041"));
    }

    private byte[] request(String method, String target, String contentType, byte[] body, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        if (!contentType.isEmpty()) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value.replace("\r", "").replace("\n", ""))
                .append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        return concat(head.toString().getBytes(StandardCharsets.UTF_8), body);
    }

    private byte[] truncated(byte[] bytes) {
        return bytes.length < 2 ? bytes : java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
