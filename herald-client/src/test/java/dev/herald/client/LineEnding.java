package dev.herald.client;

/** The three line breaks of the event stream format; a stream written with LF runs under each. */
enum LineEnding {
    LF("\n"),
    CR("\r"),
    CRLF("\r\n");

    private final String chars;

    LineEnding(String chars) {
        this.chars = chars;
    }

    /** The text with every LF replaced by this line ending. */
    String apply(String textWrittenWithLf) {
        return textWrittenWithLf.replace("\n", chars);
    }
}
