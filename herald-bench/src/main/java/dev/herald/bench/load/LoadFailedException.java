package dev.herald.bench.load;

/** The run could not produce figures: the server refused the streams, or they did not open in time. */
final class LoadFailedException extends Exception {

    LoadFailedException(String message) {
        super(message);
    }
}
