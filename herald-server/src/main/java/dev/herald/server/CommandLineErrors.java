package dev.herald.server;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Reports a refused value in two lines, {@code herald: <where>: <what>} and where to find help, instead of picocli's
 * message followed by the whole usage text. {@code <where>} is the flag, or the environment variable when the value
 * came from one (the flag was not given and the variable is set). Exit status 2, as picocli's own.
 */
final class CommandLineErrors implements IParameterExceptionHandler {

    private static final Pattern PICOCLI_PREFIX = Pattern.compile("^Invalid value for option '[^']+': ");

    private final String[] args;

    CommandLineErrors(String[] args) {
        this.args = args.clone();
    }

    @Override
    public int handleParseException(ParameterException error, String[] ignored) {
        ArgSpec arg = error.getArgSpec();
        if (arg instanceof OptionSpec option) {
            return report(error.getCommandLine(), option.longestName(), PICOCLI_PREFIX.matcher(error.getMessage()).replaceFirst(""));
        }
        return print(error.getCommandLine(), error.getMessage());
    }

    /** Reports a value an options record refused, naming its flag (or variable), for the command that read it. */
    static int report(CommandLine commandLine, InvalidOptionException invalid) {
        return new CommandLineErrors(commandLine.getParseResult().originalArgs().toArray(String[]::new))
                .report(commandLine, "--" + invalid.option(), invalid.problem());
    }

        /** Reports a problem with the value of the option {@code flag} (for example {@code --port}); returns the exit status. */
    int report(CommandLine commandLine, String flag, String problem) {
        OptionSpec option = commandLine.getCommandSpec().findOption(flag);
        String env = option == null ? null : environmentVariableOf(commandLine, option);
        boolean fromEnvironment = env != null && !given(flag) && System.getenv(env) != null;
        String where = fromEnvironment ? env + " (the environment's value for " + flag + ")" : flag;
        return print(commandLine, where + ": " + problem);
    }

    private int print(CommandLine commandLine, String line) {
        PrintWriter err = commandLine.getErr();
        err.println("herald: " + line);
        err.println("Try 'herald --help' for the options.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    private boolean given(String flag) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals(flag) || arg.startsWith(flag + "="));
    }

    /** The variable its declaration names ({@link DeclaredOptions}), or null for a flag without one. */
    private static String environmentVariableOf(CommandLine commandLine, OptionSpec option) {
        if (commandLine.getCommandSpec().defaultValueProvider() instanceof DeclaredOptions declared) {
            return declared.declarationOf(option.longestName()).map(Option::env).orElse(null);
        }
        return null;
    }
}
