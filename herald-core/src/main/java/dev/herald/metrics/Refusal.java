package dev.herald.metrics;

import java.util.Locale;

/** Why a request was refused: the {@code reason} tag of {@code herald_refusals_total}. */
public enum Refusal {
    /** 401: a private channel or publishing needs a token and none came. */
    TOKEN_MISSING,
    /** 401: a token came that does not verify (signature, algorithm, expiry, issuer, audience, form). */
    TOKEN_INVALID,
    /** 403: a good token that does not grant the channel. */
    CHANNEL_FORBIDDEN,
    /** 403: a publish authenticated by the cookie from a page of another site. */
    CROSS_SITE,
    /** 429: a client address over its limit of open streams and long polls. */
    CLIENT_STREAMS,
    /** 429: a client address over its publish rate. */
    PUBLISH_RATE,
    /** The node at its cap of streams: a stream shed with {@code retry}, a poll answered 503. */
    NODE_FULL,
    /** 503: a publish that waited {@code publish-wait} for room under the node's delivery backlog, not published. */
    PUBLISH_BACKLOG;

    /** The tag value: {@code token_missing}, {@code node_full}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
