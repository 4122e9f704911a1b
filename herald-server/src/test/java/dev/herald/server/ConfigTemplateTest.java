package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.options.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The distribution's conf/herald.yaml: every option of the command line, commented out, with its true default. */
class ConfigTemplateTest {

    private final String template = ConfigTemplate.render();

    private static CommandLine commandLine() {
        return Main.commandLine(new DeclaredOptions(DeclaredOptions.CATALOGUE, name -> null));
    }

    /** The template with its {@code # key: value} lines uncommented, read as YAML. */
    private Map<String, Object> uncommented() {
        String yaml = template.lines().filter(line -> line.matches("# [a-z0-9-]+:( .*)?"))
                .map(line -> line.substring(2)).collect(Collectors.joining("\n"));
        return new Yaml().load(yaml);
    }

    @Test
    void everyLineIsACommentSoTheFileReadsAsEmpty() {
        assertThat(template.lines()).allSatisfy(line -> assertThat(line).matches("(# .*)?"));
        Object read = new Yaml().load(template);
        assertThat(read).isNull();
    }

    @Test
    void everyDeclaredFlagHasAnEntryUnderItsKeyAndNoOtherKeyIsThere() {
        Set<String> flags = commandLine().getCommandSpec().options().stream().map(OptionSpec::longestName)
                .filter(flag -> DeclaredOptions.CATALOGUE.find(flag.substring(2)).isPresent())
                .map(flag -> flag.substring(2)).collect(Collectors.toSet());

        assertThat(flags).contains(ConfigFile.CONFIG.key());
        flags.remove(ConfigFile.CONFIG.key()); // a file cannot name another file
        assertThat(flags).isNotEmpty();
        assertThat(uncommented().keySet()).containsExactlyInAnyOrderElementsOf(flags);
    }

    @Test
    void eachEntrySaysItsSentenceVariableAndDefault() {
        String unwrapped = template.replace("\n# ", " ");
        for (Option<?> option : DeclaredOptions.CATALOGUE.options()) {
            if (!DeclaredOptionsTest.NOT_ON_THE_COMMAND_LINE.contains(option.key())
                    && !option.key().equals(ConfigFile.CONFIG.key())) {
                assertThat(unwrapped).as("the entry of " + option.key()).contains(option.description() + ".")
                        .contains("Environment: " + option.env() + ". Default: ");
            }
        }
        assertThat(template).contains("# Environment: HERALD_PORT. Default: 8080.\n# port: 8080\n")
                .contains("# Environment: HERALD_PUBLISH_BURST. Default: twice publish-rate.\n# publish-burst:\n");
    }

    @Test
    void aSecretsEntryShowsNoValue() {
        assertThat(template).contains("# jwt-secret:\n").contains("# github-webhook-secret:\n");
    }

    @Test
    void theUncommentedValuesAreTheDefaultsTheCommandLineReads() {
        CommandLine commandLine = commandLine();
        List<String> args = new ArrayList<>();
        uncommented().forEach((key, value) -> {
            if (value == null) {
                return;
            }
            OptionSpec spec = commandLine.getCommandSpec().findOption("--" + key);
            if (spec.arity().max() == 0) {
                if (Boolean.TRUE.equals(value)) {
                    args.add("--" + key);
                }
            } else {
                args.add("--" + key);
                args.add(String.valueOf(value));
            }
        });
        assertThat(args).contains("--port", "8080", "--heartbeat", "15s", "--buffer-limit", "256KiB");

        commandLine.parseArgs(args.toArray(String[]::new));

        assertThat(commandLine.<Main>getCommand().config()).isEqualTo(HeraldConfig.defaults());
    }
}
