package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.HistoryRule;
import dev.herald.limits.LimitsOptions;
import dev.herald.options.EventLoops;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import dev.herald.request.SseRoutesOptions;
import dev.herald.server.webhook.GitHubWebhookOptions;
import dev.herald.redis.BrokerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** The command line takes its defaults, variables and help text from the option declarations. */
class DeclaredOptionsTest {

    /** Declared for the Spring starter only; the command line has no flag for them. */
    static final Set<String> NOT_ON_THE_COMMAND_LINE = Set.of(SseRoutesOptions.MAX_CHANNELS.key(),
            SseRoutesOptions.PREFIX.key());

    private final Map<String, String> environment = new HashMap<>();

    private CommandLine commandLine() {
        return Main.commandLine(new DeclaredOptions(DeclaredOptions.CATALOGUE, environment::get));
    }

    private HeraldConfig configOf(String... args) {
        CommandLine commandLine = commandLine();
        commandLine.parseArgs(args);
        return commandLine.<Main>getCommand().config();
    }

    private static Set<String> flags(CommandLine commandLine) {
        return commandLine.getCommandSpec().options().stream().map(OptionSpec::longestName)
                .filter(flag -> !flag.equals("--help") && !flag.equals("--version")).collect(Collectors.toSet());
    }

    @Test
    void everyFlagIsDeclaredAndEveryDeclarationIsAFlag() {
        Set<String> declared = DeclaredOptions.CATALOGUE.options().stream().map(Option::key)
                .filter(key -> !NOT_ON_THE_COMMAND_LINE.contains(key)).map(key -> "--" + key).collect(Collectors.toSet());
        assertThat(flags(commandLine())).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void historyRulesComeFromRepeatedFlagsOrFromOneValueSeparatedBySemicolons() {
        List<HistoryRule> expected = HistoryPolicy.rules("prices.*=1,1h;chat-*=500,24h");

        assertThat(historyOf(configOf("--history", "prices.*=1,1h", "--history", "chat-*=500,24h"))).isEqualTo(expected);
        environment.put("HERALD_HISTORY", "prices.*=1,1h; chat-*=500,24h");
        assertThat(historyOf(configOf())).isEqualTo(expected);
        assertThatThrownBy(() -> configOf("--history", "prices.*=1").broker())
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("'prices.*=1' is not a rule");
    }

    private static List<HistoryRule> historyOf(HeraldConfig config) {
        return ((BrokerOptions.Memory) config.broker()).history().rules();
    }

    @Test
    void anEmptyCommandLineIsTheRecordsDefaults() {
        assertThat(configOf()).isEqualTo(HeraldConfig.defaults());
    }

    @Test
    void everyVariableIsDerivedFromItsKeyAndTheOlderNamesAreDeprecated() {
        for (Option<?> option : DeclaredOptions.CATALOGUE.options()) {
            assertThat(option.env()).isEqualTo("HERALD_" + option.key().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (option == BrokerOptions.REDIS) {
                assertThat(option.deprecatedEnv()).contains("REDIS_URL");
            } else if (option == GitHubWebhookOptions.SECRET) {
                assertThat(option.deprecatedEnv()).contains("GITHUB_WEBHOOK_SECRET");
            } else {
                assertThat(option.deprecatedEnv()).as(option.key()).isEmpty();
            }
        }
    }

    @Test
    void anOlderVariableIsReadWhenTheNewOneIsAbsentAndSaidOnceToBeDeprecated() {
        DeclaredOptions declared = new DeclaredOptions(DeclaredOptions.CATALOGUE, environment::get);
        assertThat(declared.deprecations()).isEmpty();
        environment.put("REDIS_URL", "redis://127.0.0.1:6379/1");
        assertThat(configOf().broker().describe()).contains("redis://127.0.0.1:6379/1");
        assertThat(declared.deprecations()).containsExactly("REDIS_URL is deprecated; set HERALD_REDIS");
        environment.put("HERALD_REDIS", "redis://127.0.0.1:6379/2");
        assertThat(configOf().broker().describe()).contains("redis://127.0.0.1:6379/2");
        assertThat(declared.deprecations())
                .containsExactly("REDIS_URL is deprecated; set HERALD_REDIS (it is set, and REDIS_URL is ignored)");
    }

    @Test
    void theFileComesBeforeTheDeclaredDefaultAVariableBeforeTheFileAndAFlagBeforeAll(@TempDir Path dir)
            throws IOException {
        String file = Files.writeString(dir.resolve("herald.yaml"), """
                max-streams: 20000
                heartbeat: 5s
                history-size: 10
                redis: redis://127.0.0.1:6379/3
                """).toString();
        HeraldConfig fromFile = configOf("--config", file);
        assertThat(fromFile.limits().maxStreams()).isEqualTo(20_000);
        assertThat(fromFile.hub().heartbeatInterval()).hasSeconds(5);
        assertThat(fromFile.limits().publishRate()).as("not in the file: the default")
                .isEqualTo(LimitsOptions.PUBLISH_RATE.defaultValue());
        assertThat(fromFile.limits().maxStreamsPerClient()).as("not in the file: derived from the file's max-streams")
                .isEqualTo(10_000);

        environment.put("HERALD_MAX_STREAMS", "42");
        environment.put("GITHUB_WEBHOOK_SECRET", "an older name still comes before the file");
        environment.put("REDIS_URL", "redis://127.0.0.1:6379/4");
        HeraldConfig withVariables = configOf("--config", file, "--heartbeat", "7s");
        assertThat(withVariables.limits().maxStreams()).isEqualTo(42);
        assertThat(withVariables.broker().describe()).contains("redis://127.0.0.1:6379/4");
        assertThat(withVariables.hub().heartbeatInterval()).hasSeconds(7);
        assertThat(configOf("--config", file, "--max-streams", "7").limits().maxStreams()).isEqualTo(7);

        environment.put("HERALD_CONFIG", file);
        assertThat(configOf().hub().heartbeatInterval()).as("HERALD_CONFIG names the file").hasSeconds(5);
        Path other = Files.writeString(dir.resolve("other.properties"), "heartbeat=9s\n");
        assertThat(configOf("--config", other.toString()).hub().heartbeatInterval()).as("--config wins over it")
                .hasSeconds(9);
    }

    @Test
    void aFileMayNameEveryOptionOfTheCommandLineAtItsDefault(@TempDir Path dir) throws IOException {
        StringBuilder yaml = new StringBuilder("# every option, as a distribution's commented file lists them\n");
        for (Option<?> option : DeclaredOptions.CATALOGUE.options()) {
            if (!NOT_ON_THE_COMMAND_LINE.contains(option.key()) && option != ConfigFile.CONFIG) {
                String text = option.isSecret() || !option.hasDefaultValue() ? "" : option.defaultText();
                yaml.append(option.key()).append(": ").append(text.isEmpty() ? "" : "'" + text + "'").append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("herald.yaml"), yaml);
        assertThat(configOf("--config", file.toString())).isEqualTo(HeraldConfig.defaults());
    }

    @Test
    void aFileRefusedAsAWholeStopsTheParseWithItsOneLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("herald.yaml"), "max-stream: 20000\n");
        assertThatThrownBy(() -> configOf("--config", file.toString())).isInstanceOf(ParameterException.class)
                .hasMessage(file + ": 'max-stream' is not an option; did you mean 'max-streams'?")
                .hasCauseInstanceOf(ConfigFileException.class);
    }

    @Test
    void aVariableComesBeforeTheDeclaredDefaultAndAFlagBeforeBoth() {
        environment.put("HERALD_MAX_STREAMS", "42");
        environment.put("HERALD_HEARTBEAT", "2s");
        assertThat(configOf().limits().maxStreams()).isEqualTo(42);
        assertThat(configOf("--max-streams", "7").limits().maxStreams()).isEqualTo(7);
        assertThat(configOf().hub().heartbeatInterval()).hasSeconds(2);
    }

    @Test
    void thePublishBurstIsTwiceTheRateUnlessGiven() {
        assertThat(configOf().limits().publishBurst()).isEqualTo(2_000);
        assertThat(configOf("--publish-rate", "30").limits().publishBurst()).isEqualTo(60);
        assertThat(configOf("--publish-rate", "30", "--publish-burst", "5").limits().publishBurst()).isEqualTo(5);
        environment.put("HERALD_PUBLISH_BURST", "9");
        assertThat(configOf().limits()).isEqualTo(LimitsOptions.builder().publishBurst(9).build());
    }

    @Test
    void thePerClientCapIsHalfTheNodesAndTheTokenBurstTwiceItsRateUnlessGiven() {
        assertThat(configOf("--max-streams", "300").limits().maxStreamsPerClient()).isEqualTo(150);
        assertThat(configOf("--max-streams", "300", "--max-streams-per-client", "7").limits().maxStreamsPerClient())
                .isEqualTo(7);
        assertThat(configOf("--token-publish-rate", "40").limits().tokenPublishBurst()).isEqualTo(80);
        environment.put("HERALD_TRUSTED_PROXIES", "10.0.0.0/8");
        assertThat(configOf().limits().trustedProxies().trusts("10.1.2.3")).isTrue();
    }

    @Test
    void helpShowsEachDeclarationsSentenceVariableAndDefault() {
        StringWriter help = new StringWriter();
        commandLine().usage(new PrintWriter(help), CommandLine.Help.Ansi.OFF);
        String text = help.toString().replaceAll("\\s+", " ");
        String unwrapped = text.replace(" ", ""); // picocli wraps lines anywhere, even inside a URL
        for (Option<?> option : DeclaredOptions.CATALOGUE.options()) {
            if (!NOT_ON_THE_COMMAND_LINE.contains(option.key())) {
                String expected = DeclaredOptions.helpText(option).replace("${DEFAULT-VALUE}", String.valueOf(option.defaultText()));
                assertThat(unwrapped).as("the help of --" + option.key()).contains("--" + option.key())
                        .contains(expected.replace(" ", ""));
            }
        }
        assertThat(text).contains("Default: twice publish-rate").contains("Default: 10000").contains("Default: 256KiB")
                .contains("[HERALD_EVENT_LOOPS]. Default: the number of cores");
        assertThat(EventLoops.EVENT_LOOPS.derivedDefault()).contains("the number of cores");
    }

    @Test
    void helpNeverShowsASecretFromTheEnvironment() {
        environment.put("HERALD_GITHUB_WEBHOOK_SECRET", "hunter2-from-the-environment");
        environment.put("HERALD_JWT_SECRET", "s".repeat(40));
        StringWriter help = new StringWriter();
        commandLine().usage(new PrintWriter(help), CommandLine.Help.Ansi.OFF);
        assertThat(help.toString()).doesNotContain("hunter2").doesNotContain("s".repeat(40));
    }
}
