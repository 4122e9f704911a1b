package dev.herald.web;

/**
 * One file a browser loads, read once from the class path.
 *
 * @param name        its path below its folder, e.g. {@code app.js}
 * @param contentType the {@code Content-Type} to send, with {@code charset=utf-8} for text
 * @param bytes       its content; never modified by anyone (do not write to it)
 * @param etag        a strong validator, a quoted hash of the bytes, the same on every node running the same release
 */
public record WebFile(String name, String contentType, byte[] bytes, String etag) {

    /**
     * Whether a request's {@code If-None-Match} (null when absent) names this file as it is, so the answer is a 304: a
     * list of entity tags, weak or strong, compared weakly as RFC 9110 13.1.2 says, or {@code *}.
     */
    public boolean notModifiedFor(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String each = tag.strip();
            if (each.equals("*") || (each.startsWith("W/") ? each.substring(2) : each).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
