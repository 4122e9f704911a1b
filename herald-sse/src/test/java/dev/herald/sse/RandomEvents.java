package dev.herald.sse;

import java.util.Random;

/**
 * Generates valid events for property tests from a seed, so a failure is reproduced by its seed alone.
 * Text is any Unicode scalar value (no lone surrogates, which UTF-8 cannot carry), weighted towards what
 * matters to the format: line breaks of every kind, spaces, colons, NUL, the byte order mark, field names.
 */
final class RandomEvents {

    private static final String[] SPECIAL = {"\r", "\n", "\r\n", "\n\r", " ", ":", "\0", "\uFEFF", "data: ", "id: ",
        "é", "€", "😀"};

    private final Random random;

    RandomEvents(long seed) {
        this.random = new Random(seed);
    }

    SseEvent event() {
        String id = random.nextInt(5) == 0 ? null : text().replaceAll("[\r\n\0]", "");
        String type = random.nextInt(5) == 0 ? null : text().replaceAll("[\r\n]", "");
        Long retry = random.nextBoolean() ? null : random.nextLong() & Long.MAX_VALUE;
        return new SseEvent(id, type, text(), retry);
    }

    /** Chunk sizes from 1 to 9 bytes, to feed a frame in pieces. */
    int chunkSize() {
        return 1 + random.nextInt(9);
    }

    private String text() {
        int pieces = random.nextInt(25);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            int kind = random.nextInt(9);
            if (kind < 4) {
                out.append((char) (' ' + random.nextInt('~' - ' ' + 1)));
            } else if (kind < 7) {
                out.append(SPECIAL[random.nextInt(SPECIAL.length)]);
            } else {
                int codePoint;
                do {
                    codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
                } while (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
                out.appendCodePoint(codePoint);
            }
        }
        return out.toString();
    }
}
