package dev.herald.server;

import dev.herald.auth.AccessOptions;
import dev.herald.auth.TokenOptions;
import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.options.EventLoops;
import dev.herald.options.Option;
import dev.herald.options.OptionCatalogue;
import dev.herald.redis.BrokerOptions;
import dev.herald.request.SseRoutesOptions;
import dev.herald.server.webhook.GitHubWebhookOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.UnaryOperator;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's side of the option declarations. A flag {@code --<key>} of {@link Main} (or of its mixins) whose
 * key is declared takes from its declaration ({@link Option}) its default (the environment variable
 * {@link Option#env()} when set, otherwise the declared default) and its help text (the sentence, the variable and
 * the default), so the annotations in {@code Main} carry only the flag's name and how it is converted.
 */
final class DeclaredOptions implements IDefaultValueProvider {

    /** Every option the server's records declare: its command line, its docs table. */
    static final OptionCatalogue CATALOGUE = OptionCatalogue.of(HeraldConfig.class, EventLoops.class,
            EventLoopOptions.class, ProtocolOptions.class, HubOptions.class, HistoryPolicy.class, SseRoutesOptions.class,
            BrokerOptions.class, GitHubWebhookOptions.class, TokenOptions.class, AccessOptions.class,
            LimitsOptions.class, TimeoutOptions.class, ManagementOptions.class, LogOptions.class);

    private final OptionCatalogue catalogue;
    private final UnaryOperator<String> environment;

    /** Defaults read from {@code environment} (a variable's value, or null), then from the declarations. */
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
        return declarationOf(option.longestName()).map(declared -> {
            String fromEnvironment = environment.apply(declared.env());
            return fromEnvironment != null ? fromEnvironment : declared.defaultText();
        }).orElse(null);
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
