package dev.herald.server;

import java.nio.file.Path;

/**
 * A configuration file Herald refuses: missing, unreadable, not YAML or properties, not a flat map of option names,
 * or naming an option that does not exist. The message is one line that starts with the file and never holds a value
 * from it (the file may hold secrets); a value the file gives that its option refuses is reported by the command line
 * instead, naming the file and the key.
 */
final class ConfigFileException extends RuntimeException {

    ConfigFileException(Path file, String problem) {
        super(file + ": " + problem, null, false, false);
    }
}
