package dev.herald.web.console;

import dev.herald.options.Check;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import dev.herald.options.OptionChecks;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The console's options: who may open it, and the name this node has in it (and in every other node's console). The
 * constructor throws {@link InvalidOptionException} when a value is refused.
 *
 * @param mode         {@link #CONSOLE}
 * @param nodeId       {@link #NODE_ID}, never null here: a builder left without one derives it ({@link #derivedNodeId})
 * @param loopbackBind whether the server the console is served on listens on loopback only: the server knows it from
 *                     its {@code host}; an application that embeds Herald says so (Spring: from {@code server.address})
 */
public record ConsoleOptions(ConsoleMode mode, String nodeId, boolean loopbackBind) {

    /** The server's: on, without a token on a loopback bind. The Spring starter's and the Vert.x embedding's: off. */
    public static final Option<String> CONSOLE = Option.of("console", String.class).defaultsTo("auto")
            .check((option, value) -> {
                String word = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
                if (Arrays.stream(ConsoleMode.values()).noneMatch(mode -> mode.word().equals(word))) {
                    throw new InvalidOptionException(option, "must be auto, token or off, got " + value);
                }
                return word;
            })
            .description("Who may open the console at <prefix>/console: auto (anyone on this machine when Herald "
                    + "listens on loopback only, else an admin token), token (always an admin token) or off");

    /** Derived where it is built: see {@link #derivedNodeId}. */
    public static final Option<String> NODE_ID = Option.of("node-id", String.class)
            .defaultsToDerived("host name:port").check(Check.any())
            .description("This node's name in the console's status, on every node that sees it; by default the host "
                    + "name and the port (the process id where the port is 0 or not known)");

    public ConsoleOptions {
        OptionChecks.present(CONSOLE.key(), mode);
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > 200 || nodeId.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidOptionException(NODE_ID.key(), "must be 1 to 200 characters without control characters, got "
                    + (nodeId == null ? "none" : "\"" + nodeId + "\""));
        }
    }

    /** The mode an option's word names ({@link #CONSOLE}'s check first). */
    public static ConsoleMode mode(String word) {
        return ConsoleMode.valueOf(CONSOLE.check(word).toUpperCase(Locale.ROOT));
    }

    /** The console off (the embedding's default). */
    public static ConsoleOptions off() {
        return new ConsoleOptions(ConsoleMode.OFF, derivedNodeId(0), false);
    }

    /**
     * {@code mode} with {@code nodeId}, or when it is null or blank the {@link #derivedNodeId} for {@code port}.
     *
     * @throws InvalidOptionException when a value is refused
     */
    public static ConsoleOptions of(ConsoleMode mode, String nodeId, int port, boolean loopbackBind) {
        return new ConsoleOptions(mode, nodeId == null || nodeId.isBlank() ? derivedNodeId(port) : nodeId.strip(),
                loopbackBind);
    }

    /**
     * {@link #NODE_ID}'s default: {@code <host name>:<port>}, or {@code <host name>:pid<process id>} for port 0 (a free
     * port, not known yet) or when the port is not known; the host name as the machine names itself (no lookup of its
     * own name in DNS), else {@code localhost}.
     */
    public static String derivedNodeId(int port) {
        return hostName() + ":" + (port > 0 ? Integer.toString(port) : "pid" + ProcessHandle.current().pid());
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException noName) {
            return "localhost";
        }
    }
}
