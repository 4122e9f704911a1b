package dev.herald.server;

import dev.herald.options.InvalidOptionException;
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
 * message followed by the whole usage text. {@code <where>} is where the value came from: the flag; when the flag
 * was not given, the environment variable or the configuration file and key ({@link DeclaredOptions#source}). A
 * configuration file refused as a whole is one line, {@code herald: <file>: <what>}. Exit status 2, as picocli's own.
 */
final class CommandLineErrors implements IParameterExceptionHandler {

    private static final Pattern PICOCLI_PREFIX = Pattern.compile("^Invalid value for option '[^']+': ");

    private final String[] args;

    CommandLineErrors(String[] args) {
        this.args = args.clone();
    }

    @Override
    public int handleParseException(ParameterException error, String[] ignored) {
        if (error.getCause() instanceof ConfigFileException refused) {
            PrintWriter err = error.getCommandLine().getErr();
            err.println("herald: " + refused.getMessage());
            err.flush();
            return error.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        }
        ArgSpec arg = error.getArgSpec();
        if (arg instanceof OptionSpec option) {
            return report(error.getCommandLine(), option.longestName(), PICOCLI_PREFIX.matcher(error.getMessage()).replaceFirst(""));
        }
        return print(error.getCommandLine(), error.getMessage());
    }

    /** Reports a value an options record refused, naming its flag (or variable, or file), for the command that read it. */
    static int report(CommandLine commandLine, InvalidOptionException invalid) {
        return new CommandLineErrors(commandLine.getParseResult().originalArgs().toArray(String[]::new))
                .report(commandLine, "--" + invalid.option(), invalid.problem());
    }

    /** Reports a problem with the value of the option {@code flag} (for example {@code --port}); returns the exit status. */
    int report(CommandLine commandLine, String flag, String problem) {
        String where = flag;
        if (!given(flag) && commandLine.getCommandSpec().defaultValueProvider() instanceof DeclaredOptions declared) {
            where = declared.declarationOf(flag).flatMap(option -> declared.source(option, commandLine.getCommandSpec()))
                    .map(DeclaredOptions.Source::where).orElse(flag);
        }
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
}
