package dev.herald.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The option tables of the docs, for the tests that check them against the option declarations: the command line's
 * ({@code | flag | environment | default | meaning |}) and the Spring starter's ({@code | property | default | ... |}).
 */
public final class OptionTables {

    /** Where the tables are, relative to the repository's root: the one place that says so. */
    public static final List<String> PAGES = List.of("docs/configuration.md");

    private OptionTables() {
    }

    /** The rows under the table whose header row starts with {@code headerStart}, each as its trimmed cells. */
    public static List<List<String>> rows(String headerStart) {
        String page = pageWith(headerStart);
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : page.split("\n")) {
            if (line.startsWith(headerStart)) {
                inTable = true;
            } else if (inTable && line.startsWith("|---")) {
                continue;
            } else if (inTable && line.startsWith("|")) {
                String inner = line.substring(1, line.lastIndexOf('|'));
                rows.add(Arrays.stream(inner.split("(?<!\\\\)\\|")).map(String::trim).toList());
            } else if (inTable) {
                break;
            }
        }
        if (rows.isEmpty()) {
            throw new AssertionError("no rows under the table " + headerStart + " in " + PAGES);
        }
        return rows;
    }

    private static String pageWith(String headerStart) {
        Path root = root();
        for (String page : PAGES) {
            Path file = root.resolve(page);
            try {
                if (Files.exists(file)) {
                    String text = Files.readString(file).replace("\r\n", "\n");
                    if (text.lines().anyMatch(line -> line.startsWith(headerStart))) {
                        return text;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("no page of " + PAGES + " holds the table " + headerStart);
    }

    /** The repository's root: the first directory up from the module's that holds {@code herald-core}. */
    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("herald-core"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("run from inside the repository: no herald-core above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** A cell without its code quotes: {@code `15s`} is {@code 15s}. */
    public static String plain(String cell) {
        return cell.replace("`", "").trim();
    }
}
