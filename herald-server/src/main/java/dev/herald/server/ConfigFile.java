package dev.herald.server;

import dev.herald.options.Option;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A configuration file ({@code --config}): options under their keys, the flag without its dashes
 * ({@code max-streams: 20000}, {@code redis: redis://localhost:6379/0}). YAML ({@code .yaml}, {@code .yml}, read with
 * SnakeYAML) or Java properties ({@code .properties}, read with {@link Properties}), in UTF-8.
 *
 * <p>The file is a flat map: each key one option, each value one scalar. A YAML value is kept as the text written
 * ({@code 20000}, {@code 15s}, {@code true}), never as the number or boolean YAML would make of it, so that the
 * command line converts and checks it exactly as it would the flag's text. A YAML key with no value ({@code redis:}
 * or {@code ~}) is as if absent. Everything else is refused with a {@link ConfigFileException} of one line that names
 * the file and the key, never a value: the file may hold secrets.
 */
public final class ConfigFile {

    /** The file itself; its own key is refused inside a file. */
    public static final Option<String> CONFIG = Option.of("config", String.class)
            .description("A configuration file, YAML (.yaml, .yml) or Java properties (.properties), setting these "
                    + "options under their names (max-streams: 20000); flags and environment variables win over it");

    private final Path path;
    private final Map<String, String> values;

    private ConfigFile(Path path, Map<String, String> values) {
        this.path = path;
        this.values = values;
    }

    /**
     * Reads {@code path}, whose keys must be among {@code keys} (the options it may set).
     *
     * @throws ConfigFileException when the file is missing, unreadable, does not parse, is not a flat map, or names
     *                             a key that is not among {@code keys}
     */
    static ConfigFile read(Path path, Collection<String> keys) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".properties"))) {
            throw new ConfigFileException(path, "is neither YAML nor properties: name it .yaml, .yml or .properties");
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(path, "no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigFileException(path, "not readable (permission denied)");
        } catch (CharacterCodingException e) {
            throw new ConfigFileException(path, "is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigFileException(path, Files.isDirectory(path) ? "is a directory" : "cannot be read: " + e);
        }
        Map<String, String> values = name.endsWith(".properties") ? properties(path, text) : yaml(path, text);
        for (String key : values.keySet()) {
            if (key.equals(CONFIG.key())) {
                throw new ConfigFileException(path, "config cannot be set in a configuration file; give --config or "
                        + CONFIG.env());
            }
            if (!keys.contains(key)) {
                throw new ConfigFileException(path, "'" + key + "' is not an option" + nearest(key, keys)
                        .map(near -> "; did you mean '" + near + "'?").orElse(" (see herald --help)"));
            }
        }
        return new ConfigFile(path, values);
    }

    /** The file, as it was named. */
    Path path() {
        return path;
    }

    /** The text given for {@code key}, if the file sets it. */
    Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    private static Map<String, String> yaml(Path path, String text) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            String at = e.getProblemMark() == null ? "" : "line " + (e.getProblemMark().getLine() + 1) + ", column "
                    + (e.getProblemMark().getColumn() + 1) + ": ";
            throw new ConfigFileException(path, "is not valid YAML: " + at + oneLine(e.getProblem()));
        } catch (YAMLException e) {
            throw new ConfigFileException(path, "is not valid YAML: " + oneLine(e.getMessage()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null) {
            return values; // an empty file, or only comments
        }
        if (!(root instanceof MappingNode map)) {
            throw new ConfigFileException(path, "must be a map of option names to values, like max-streams: 20000");
        }
        Set<String> named = new HashSet<>();
        for (NodeTuple entry : map.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ConfigFileException(path, "line " + line(entry.getKeyNode()) + ": a key must be an "
                        + "option's name, like max-streams");
            }
            String key = keyNode.getValue();
            Node value = entry.getValueNode();
            if (!(value instanceof ScalarNode scalar)) {
                throw new ConfigFileException(path, key + ": must be one value (text, a number, true or false), not "
                        + (value instanceof MappingNode ? "a map" : "a list") + "; the file is a flat map of option names");
            }
            if (!named.add(key)) {
                throw new ConfigFileException(path, key + ": given twice (line " + line(value) + ")");
            }
            // a key with no value is checked like any other, and is as if absent (value() finds no text)
            values.put(key, Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue());
        }
        return values;
    }

    private static Map<String, String> properties(Path path, String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) { // a malformed \\uXXXX escape; no I/O from a string
            throw new ConfigFileException(path, "is not a valid properties file: " + oneLine(e.getMessage()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s+", " ").trim();
    }

    /** The key among {@code keys} nearest to a misspelt {@code key}, if one is near enough to be what was meant. */
    static Optional<String> nearest(String key, Collection<String> keys) {
        String bare = key.replaceFirst("^(--|herald\\.)", ""); // a flag's dashes, or the Spring property's prefix
        if (!bare.equals(key) && keys.contains(bare)) {
            return Optional.of(bare);
        }
        return keys.stream().filter(candidate -> !candidate.equals(CONFIG.key()))
                .min(Comparator.comparingInt(candidate -> distance(key, candidate)))
                .filter(candidate -> distance(key, candidate) <= Math.max(2, key.length() / 3));
    }

    /** Levenshtein's edit distance: the insertions, deletions and substitutions that turn {@code a} into {@code b}. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
