package dev.herald.request;

import java.util.List;

/**
 * The one rule for a request part that carries one value (a cursor, {@code rewind}, {@code wait}, a token, the
 * {@code herald_token} cookie, the {@code Authorization} and {@code Last-Event-ID} headers): given more than once it is
 * refused with a 400 naming it, never one value picked. Which one a sender meant cannot be told: two cookies of one name
 * come in an order the browser chooses (a stale one may come first), and a cursor repeated by a polyfill may be the
 * older id or the newer.
 */
public final class SingleValue {

    private SingleValue() {
    }

    /**
     * The value, or {@code null} when absent.
     *
     * @param what   how the 400 names the part, e.g. {@code "the query parameter since"}
     * @param values every value the request carries, in order; null or empty when absent
     * @throws InvalidRequestException when there is more than one
     */
    public static String of(String what, List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidRequestException(what + " is given " + values.size() + " times; give it once");
        }
        return values.get(0);
    }
}
