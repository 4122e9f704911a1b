package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration file is a flat map of option names to the text of their values, or it is refused in one line. */
class ConfigFileTest {

    private static final List<String> KEYS = List.of("port", "max-streams", "heartbeat", "native-transport", "redis",
            "jwt-secret", "config");

    @TempDir
    Path dir;

    private ConfigFile read(String name, String text) throws IOException {
        return ConfigFile.read(Files.writeString(dir.resolve(name), text), KEYS);
    }

    private String refusal(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        return assertThatThrownBy(() -> ConfigFile.read(file, KEYS)).isInstanceOf(ConfigFileException.class)
                .actual().getMessage();
    }

    @Test
    void yamlValuesAreKeptAsTheTextWrittenWhateverTypeYamlWouldMakeOfThem() throws IOException {
        ConfigFile file = read("herald.yaml", """
                # numbers, booleans and text alike
                port: 08080
                max-streams: 20000
                heartbeat: 15s
                native-transport: false
                jwt-secret: "quoted: text"
                """);
        assertThat(file.value("port")).contains("08080");
        assertThat(file.value("max-streams")).contains("20000");
        assertThat(file.value("heartbeat")).contains("15s");
        assertThat(file.value("native-transport")).contains("false");
        assertThat(file.value("jwt-secret")).contains("quoted: text");
        assertThat(file.value("redis")).isEmpty();
    }

    @Test
    void aYamlKeyWithoutAValueIsAsIfAbsentButMustStillBeAnOption() throws IOException {
        assertThat(read("a.yml", "redis:\nheartbeat: ~\n").value("redis")).isEmpty();
        assertThat(refusal("b.yml", "redi:\n")).endsWith("b.yml: 'redi' is not an option; did you mean 'redis'?");
    }

    @Test
    void anEmptyFileSetsNothing() throws IOException {
        assertThat(read("empty.yaml", "# every option commented out\n").value("port")).isEmpty();
    }

    @Test
    void aPropertiesFileIsReadWithTheSameKeys() throws IOException {
        ConfigFile file = read("herald.properties", "max-streams = 20000\nredis=redis://127.0.0.1:6379/0\n");
        assertThat(file.value("max-streams")).contains("20000");
        assertThat(file.value("redis")).contains("redis://127.0.0.1:6379/0");
        assertThat(refusal("escape.properties", "redis=\\u00zz\n"))
                .endsWith("escape.properties: is not a valid properties file: Malformed \\uxxxx encoding.");
        assertThat(refusal("typo.properties", "max_streams=1\n"))
                .endsWith("typo.properties: 'max_streams' is not an option; did you mean 'max-streams'?");
    }

    @Test
    void anUnknownKeyFarFromAnyOptionIsRefusedWithoutAGuess() throws IOException {
        assertThat(refusal("herald.yaml", "colour: blue\n"))
                .isEqualTo(dir.resolve("herald.yaml") + ": 'colour' is not an option (see herald --help)");
    }

    @Test
    void theFileCannotNameAnotherFile() throws IOException {
        assertThat(refusal("herald.yaml", "config: other.yaml\n"))
                .endsWith("config cannot be set in a configuration file; give --config or HERALD_CONFIG");
    }

    @Test
    void nestedMapsListsAndDocumentsThatAreNotMapsAreRefused() throws IOException {
        assertThat(refusal("nested.yaml", "redis:\n  url: redis://x\n"))
                .endsWith("redis: must be one value (text, a number, true or false), not a map; the file is a flat map "
                        + "of option names");
        assertThat(refusal("list.yaml", "port: [1, 2]\n")).endsWith("port: must be one value (text, a number, true or "
                + "false), not a list; the file is a flat map of option names");
        assertThat(refusal("top.yaml", "- port\n- 8080\n"))
                .endsWith("must be a map of option names to values, like max-streams: 20000");
        assertThat(refusal("twice.yaml", "port: 1\nport: 2\n")).endsWith("port: given twice (line 2)");
    }

    @Test
    void aFileThatDoesNotParseIsRefusedWithItsLineAndNeverItsText() throws IOException {
        String refused = refusal("broken.yaml", "port: 8080\njwt-secret: hunter2: of at least thirty-two bytes\n");
        assertThat(refused).isEqualTo(dir.resolve("broken.yaml")
                + ": is not valid YAML: line 2, column 20: mapping values are not allowed here");
        assertThat(refused).doesNotContain("hunter2").doesNotContain("\n");
    }

    @Test
    void aMissingUnreadableOrUnnamedFileIsRefusedInOneLine() throws IOException {
        assertThatThrownBy(() -> ConfigFile.read(dir.resolve("missing.yaml"), KEYS))
                .hasMessage(dir.resolve("missing.yaml") + ": no such file");
        assertThatThrownBy(() -> ConfigFile.read(Files.createDirectory(dir.resolve("conf.yaml")), KEYS))
                .hasMessage(dir.resolve("conf.yaml") + ": is a directory");
        assertThat(refusal("herald.toml", "port = 1\n"))
                .endsWith("herald.toml: is neither YAML nor properties: name it .yaml, .yml or .properties");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), "redis: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ConfigFile.read(latin1, KEYS)).hasMessage(latin1 + ": is not UTF-8 text");
    }

    @Test
    void aMisspeltKeyIsAnsweredWithTheNearestOption() {
        assertThat(ConfigFile.nearest("max-stream", KEYS)).contains("max-streams");
        assertThat(ConfigFile.nearest("hartbeat", KEYS)).contains("heartbeat");
        assertThat(ConfigFile.nearest("confg", KEYS)).as("never config itself").isNotEqualTo(java.util.Optional.of("config"));
        assertThat(ConfigFile.nearest("zzzzzzzzzz", KEYS)).isEmpty();
        assertThat(ConfigFile.nearest("herald.max-streams", KEYS)).as("Spring's name").contains("max-streams");
        assertThat(ConfigFile.nearest("--heartbeat", KEYS)).as("the flag").contains("heartbeat");
    }
}
