package dev.herald.server;

import dev.herald.options.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The distribution's {@code conf/herald.yaml}: every option of the command line, commented out, as a flat YAML map
 * keyed by the option's key. Each option gets its sentence, its environment variable and its default as comment
 * lines, then a commented {@code key: default} line that an operator uncomments to set it. Every line is a comment,
 * so the file parses as an empty map, and the node runs on its defaults until a line is uncommented.
 *
 * <p>Written at build time ({@code mvn package}, the {@code exec-maven-plugin} run in herald-server's POM) from the
 * declarations behind the command line ({@link DeclaredOptions}), so an option declared and given a flag is in the
 * file without anyone writing it there. A secret's default is never written (it would be the variable's value).
 */
final class ConfigTemplate {

    private static final int WIDTH = 110;
    private static final Pattern PLAIN_SCALAR = Pattern.compile("[A-Za-z0-9_./+-][A-Za-z0-9_./:+-]*");

    private ConfigTemplate() {
    }

    /** Writes the template to the file {@code args[0]}, creating its folders. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("give the file to write, e.g. target/dist/conf/herald.yaml");
        }
        Path file = Path.of(args[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    /**
     * The template of the declared options that {@link Main}'s command line takes, in its order, but for
     * {@code config}, which a file cannot set.
     */
    static String render() {
        DeclaredOptions declared = new DeclaredOptions(DeclaredOptions.CATALOGUE, name -> null);
        CommandLine commandLine = Main.commandLine(declared);
        StringBuilder text = new StringBuilder()
                .append("# Herald's configuration: every option of `herald --help`, under its key, commented out.\n")
                .append("# Uncomment a line to set it. A flag given on the command line, then the option's\n")
                .append("# environment variable, win over this file; an option set nowhere takes its default.\n")
                .append("# See docs/configuration.md and docs/install.md.\n");
        for (OptionSpec spec : commandLine.getCommandSpec().options()) {
            Optional<Option<?>> option = declared.declarationOf(spec.longestName());
            option.filter(o -> !o.key().equals(ConfigFile.CONFIG.key()))
                    .ifPresent(o -> text.append('\n').append(entry(o)));
        }
        return text.toString();
    }

    /** The comment lines of one option. */
    static String entry(Option<?> option) {
        StringBuilder entry = new StringBuilder();
        for (String line : wrap(option.description() + ".")) {
            entry.append("# ").append(line).append('\n');
        }
        entry.append("# Environment: ").append(option.env()).append(". Default: ").append(defaultPhrase(option))
                .append(".\n");
        return entry.append("# ").append(option.key()).append(':').append(value(option)).append('\n').toString();
    }

    /** {@code sentence} in lines of at most {@link #WIDTH} characters, broken between words. */
    private static List<String> wrap(String sentence) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : sentence.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String defaultPhrase(Option<?> option) {
        if (option.isSecret() || !option.hasDefaultValue()) {
            return option.derivedDefault().orElse("none");
        }
        String text = option.defaultText();
        return text.isEmpty() ? "none" : text;
    }

    /** The value after {@code key:}: the default as the command line reads it, quoted where YAML would misread it. */
    private static String value(Option<?> option) {
        if (option.isSecret() || !option.hasDefaultValue() || option.defaultText().isEmpty()) {
            return "";
        }
        String text = option.defaultText();
        if (PLAIN_SCALAR.matcher(text).matches()) {
            return " " + text;
        }
        return " \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
