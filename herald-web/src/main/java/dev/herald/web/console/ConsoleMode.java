package dev.herald.web.console;

import java.util.Locale;

/** Who may open the console: option {@link ConsoleOptions#CONSOLE}. */
public enum ConsoleMode {
    /** Open without a token on a node that listens on loopback only, to a client on this machine; else an admin token. */
    AUTO,
    /** Always an admin token. */
    TOKEN,
    /** No console: its paths are not found. */
    OFF;

    /** The option's word: {@code auto}, {@code token}, {@code off}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
