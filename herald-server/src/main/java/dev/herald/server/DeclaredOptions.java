package dev.herald.server;

import dev.herald.auth.AccessOptions;
import dev.herald.auth.TokenOptions;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.relay.RelayOptions;
import dev.herald.hub.HubOptions;
import dev.herald.publish.Idempotency;
import dev.herald.limits.LimitsOptions;
import dev.herald.presence.PresenceOptions;
import dev.herald.options.EventLoops;
import dev.herald.options.Option;
import dev.herald.options.OptionCatalogue;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.cstreams.ReplicaWait;
import dev.herald.request.SseRoutesOptions;
import dev.herald.server.webhook.GitHubWebhookOptions;
import dev.herald.web.console.ConsoleOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.UnaryOperator;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The command line's side of the option declarations. A flag {@code --<key>} of {@link Main} (or of its mixins) whose
 * key is declared takes from its declaration ({@link Option}) its help text (the sentence, the variable and the
 * default) and, when the flag is not given, its value: in this order, the environment variable {@link Option#env()},
 * the older variable {@link Option#deprecatedEnv()} it replaced, the key of the configuration file ({@code --config},
 * {@link ConfigFile}), and the declared default. So the annotations in {@code Main} carry only the flag's name and
 * how it is converted, and a value from any source is converted and checked as the flag's text would be.
 *
 * <p>picocli asks for defaults after it has read the arguments, so {@code --config} is known by then; the file is
 * read once, at the first default asked for, and a file it refuses is a {@link ParameterException} whose cause is the
 * {@link ConfigFileException}.
 */
final class DeclaredOptions implements IDefaultValueProvider {

    /** Every option the server's records declare: its command line, its docs table. */
    static final OptionCatalogue CATALOGUE = OptionCatalogue.of(HeraldConfig.class, ConfigFile.class, EventLoops.class,
            EventLoopOptions.class, ProtocolOptions.class, HubOptions.class, HistoryPolicy.class, SseRoutesOptions.class,
            BrokerOptions.class, ReplicaWait.class, RelayOptions.class, GitHubWebhookOptions.class, TokenOptions.class, AccessOptions.class,
            LimitsOptions.class, Idempotency.class, PresenceOptions.class, TimeoutOptions.class, ManagementOptions.class, LogOptions.class, ConsoleOptions.class);

    private final OptionCatalogue catalogue;
    private final UnaryOperator<String> environment;
    /** The file last read, and the name it was read under; confined to the thread that parses. */
    private ConfigFile file;

    /** Values read from {@code environment} (a variable's value, or null), then the file, then the declarations. */
    DeclaredOptions(OptionCatalogue catalogue, UnaryOperator<String> environment) {
        this.catalogue = catalogue;
        this.environment = environment;
    }

    /** The declarations of {@link #CATALOGUE}, over this process's environment. */
    static DeclaredOptions fromEnvironment() {
        return new DeclaredOptions(CATALOGUE, System::getenv);
    }

    /** The declaration behind a flag, by its longest name ({@code --max-streams}). */
    Optional<Option<?>> declarationOf(String flag) {
        return flag.startsWith("--") ? catalogue.find(flag.substring(2)) : Optional.empty();
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        return declarationOf(option.longestName()).map(declared -> source(declared, option.command())
                .map(Source::text).orElse(declared.defaultText())).orElse(null);
    }

    /** A value that no flag gave, and where it came from, as an error names it. */
    record Source(String text, String where) {
    }

    /**
     * Where the value of {@code declared} comes from when its flag is not given on {@code command}'s line: its
     * variable, its deprecated variable, or the configuration file; empty when none sets it (the declared default).
     *
     * @throws ParameterException when the configuration file is refused
     */
    Optional<Source> source(Option<?> declared, CommandSpec command) {
        String flag = "--" + declared.key();
        String value = environment.apply(declared.env());
        if (value != null) {
            return Optional.of(new Source(value, declared.env() + " (the environment's value for " + flag + ")"));
        }
        Optional<String> old = declared.deprecatedEnv().filter(name -> environment.apply(name) != null);
        if (old.isPresent()) {
            return Optional.of(new Source(environment.apply(old.get()),
                    old.get() + " (the environment's value for " + flag + ")"));
        }
        if (declared == ConfigFile.CONFIG) {
            return Optional.empty();
        }
        return configFile(command).flatMap(config -> config.value(declared.key())
                .map(text -> new Source(text, config.path() + ": " + declared.key())));
    }

    /**
     * The configuration file that {@code --config} (or its variable) names on {@code command}'s line, read and
     * checked; none when neither names one.
     *
     * @throws ParameterException when the file is refused (its cause the {@link ConfigFileException})
     */
    Optional<ConfigFile> configFile(CommandSpec command) {
        CommandSpec root = command;
        while (root.parent() != null) {
            root = root.parent();
        }
        OptionSpec flag = root.findOption("--" + ConfigFile.CONFIG.key());
        String name = flag == null || flag.getValue() == null ? environment.apply(ConfigFile.CONFIG.env())
                : flag.getValue();
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(name);
        if (file == null || !file.path().equals(path)) {
            try {
                file = ConfigFile.read(path, keysOf(root));
            } catch (ConfigFileException refused) {
                throw new ParameterException(root.commandLine(), refused.getMessage(), refused);
            }
        }
        return Optional.of(file);
    }

    /** The keys a configuration file may set: those of the command's declared flags. */
    private List<String> keysOf(CommandSpec command) {
        return command.options().stream().map(OptionSpec::longestName).flatMap(flag -> declarationOf(flag).stream())
                .map(Option::key).toList();
    }

    /**
     * One line for each deprecated variable set in the environment, to log at start: {@code REDIS_URL is deprecated;
     * set HERALD_REDIS}.
     */
    List<String> deprecations() {
        List<String> lines = new ArrayList<>();
        for (Option<?> declared : catalogue.options()) {
            declared.deprecatedEnv().filter(name -> environment.apply(name) != null).ifPresent(name -> lines.add(
                    name + " is deprecated; set " + declared.env() + (environment.apply(declared.env()) == null ? ""
                            : " (it is set, and " + name + " is ignored)")));
        }
        return lines;
    }

    /**
     * The help text of each declared flag, keyed as picocli looks descriptions up (the longest name, with and without
     * its dashes): the sentence, the environment variable, and the default. A secret's default is never shown: it
     * would be the variable's value.
     */
    ResourceBundle descriptions() {
        List<Object[]> entries = new ArrayList<>();
        for (Option<?> declared : catalogue.options()) {
            String text = helpText(declared);
            entries.add(new Object[] {declared.key(), text});
            entries.add(new Object[] {"--" + declared.key(), text});
        }
        Object[][] contents = entries.toArray(Object[][]::new);
        return new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return contents;
            }
        };
    }

    static String helpText(Option<?> declared) {
        String text = declared.description() + " [" + declared.env() + "]";
        if (declared.isSecret()) {
            return text;
        }
        if (declared.hasDefaultValue()) {
            return declared.defaultText().isEmpty() ? text : text + ". Default: ${DEFAULT-VALUE}";
        }
        return declared.derivedDefault().map(phrase -> text + ". Default: " + phrase).orElse(text);
    }
}
