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
    public static final int MAX_LENGTH = dev.herald.publish.Idempotency.MAX_KEY_LENGTH;

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
        return scope(subject, clientAddress) + ":" + key;
    }

    /**
     * Whose keys they are: a token's subject, or else the client address ({@code s<length>:<subject>},
     * {@code a<length>:<address>}); never the Java API's {@value dev.herald.publish.Publisher#APPLICATION_SCOPE}.
     */
    public static String scope(String subject, String clientAddress) {
        return subject != null ? "s" + subject.length() + ":" + subject
                : "a" + clientAddress.length() + ":" + clientAddress;
    }

    private static String check(String name, String key) {
        try {
            return dev.herald.publish.Idempotency.checkKey(name, key);
        } catch (IllegalArgumentException refused) {
            throw new InvalidRequestException(refused.getMessage());
        }
    }
}
