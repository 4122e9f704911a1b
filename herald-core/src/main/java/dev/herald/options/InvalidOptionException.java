package dev.herald.options;

/**
 * An option value that Herald refuses, named by its option key: the kebab-case name that the command line writes as
 * {@code --<option>} and an application's properties as {@code herald.<option>} ({@code heartbeat},
 * {@code history-size}, {@code redis}). Thrown where an options record is built, the one place each option is
 * checked; whoever read the value (a command line, a properties file) says where it came from.
 */
public class InvalidOptionException extends IllegalArgumentException {

    private final String option;
    private final String problem;

    /**
     * @param option  the option's key, for example {@code heartbeat}
     * @param problem what is wrong, as a phrase that follows the key: {@code must be positive, got 0s}
     */
    public InvalidOptionException(String option, String problem) {
        super(option + " " + problem);
        this.option = option;
        this.problem = problem;
    }

    /** The option's key, for example {@code heartbeat}. */
    public String option() {
        return option;
    }

    /** What is wrong, without the key: {@code must be positive, got 0s}. */
    public String problem() {
        return problem;
    }
}
