package dev.herald.client;

/**
 * The server answered 200 with a {@code Content-Type} other than {@code text/event-stream}; the source closes, as the
 * spec has a browser's do.
 */
public final class ContentTypeException extends EventSourceException {

    private static final long serialVersionUID = 1L;

    private final String contentType;

    ContentTypeException(String contentType) {
        super("the server answered 200 with Content-Type " + (contentType == null ? "(none)" : contentType)
                + " instead of text/event-stream", null);
        this.contentType = contentType;
    }

    /** The {@code Content-Type} header the answer had, or {@code null} if it had none. */
    public String contentType() {
        return contentType;
    }
}
