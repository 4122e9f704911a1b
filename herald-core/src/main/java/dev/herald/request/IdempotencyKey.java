package dev.herald.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The idempotency key of a publish: the {@value #HEADER} header, or the body's {@value #FIELD} (both: they must be
 * equal). 1 to {@value #MAX_LENGTH} characters of printable ASCII (as Stripe's and the IETF draft's keys are), else a
 * 400 naming the field. A key is remembered per publisher: {@link #scoped} puts the publisher in front of it.
 */
public final class IdempotencyKey {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";
    /** The body's field, in {@code POST .../publish} and in each item of a batch. */
    public static final String FIELD = "idempotencyKey";
    /** The longest key, in characters. */
    public static final int MAX_LENGTH = 200;

    private IdempotencyKey() {
    }

    /**
     * The key of a publish, or null when it has none.
     *
     * @throws InvalidRequestException when a key is malformed, the header is repeated, or header and field differ
     */
    public static String read(List<String> headers, ObjectNode body) {
        String header = SingleValue.of("the " + HEADER + " header", headers);
        String field = field(body);
        if (header != null) {
            check(HEADER, header);
        }
        if (header != null && field != null && !header.equals(field)) {
            throw new InvalidRequestException(FIELD + " differs from the " + HEADER + " header; give one of them");
        }
        return header != null ? header : field;
    }

    /**
     * The body's {@value #FIELD}, or null.
     *
     * @throws InvalidRequestException when it is not a string of the allowed form
     */
    public static String field(ObjectNode body) {
        JsonNode value = body.get(FIELD);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(FIELD + " must be a string");
        }
        return check(FIELD, value.asText());
    }

    /** The key as the store holds it: the publisher (a token's subject, or else the client address) and the key. */
    public static String scoped(String subject, String clientAddress, String key) {
        String publisher = subject != null ? "s" + subject.length() + ":" + subject
                : "a" + clientAddress.length() + ":" + clientAddress;
        return publisher + ":" + key;
    }

    private static String check(String name, String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new InvalidRequestException(name + " must be 1 to " + MAX_LENGTH + " characters, got " + key.length());
        }
        for (int index = 0; index < key.length(); index++) {
            char c = key.charAt(index);
            if (c < 0x20 || c > 0x7e) {
                throw new InvalidRequestException(name + " must be printable ASCII; character " + index + " is not");
            }
        }
        return key;
    }
}
