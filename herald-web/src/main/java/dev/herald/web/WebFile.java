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
}
