package dev.herald.spring;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.Loopback;
import dev.herald.options.Option;
import dev.herald.web.console.ConsoleMode;
import dev.herald.web.console.ConsoleOptions;

/**
 * The console's properties, {@code herald.console} and {@code herald.node-id}: a part of {@link HeraldProperties}
 * (which extends it), kept apart to keep that class short. Each stands for its declaration in {@link ConsoleOptions};
 * {@code herald.console} is off by default in an application, where the server's default is {@code auto}.
 */
public abstract class HeraldConsoleProperties {

    /** The server's declaration with the starter's default: off until the application turns it on. */
    static final Option<String> CONSOLE = ConsoleOptions.CONSOLE.defaultsTo(ConsoleMode.OFF.word());

    private String console = CONSOLE.defaultValue();
    private String nodeId;

    /**
     * The console's options (throws {@link InvalidOptionException} for a bad value): its mode, the node id (derived from
     * the host name and {@code port} when not set), and whether {@code address} (Spring's {@code server.address}; null
     * for every interface) is loopback, where {@code auto} opens the console without a token.
     */
    public ConsoleOptions consoleOptions(String address, int port) {
        return ConsoleOptions.of(ConsoleOptions.mode(console), nodeId, port,
                address != null && Loopback.isLoopback(address));
    }

    public String getConsole() {
        return console;
    }

    public void setConsole(String console) {
        this.console = console;
    }

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }
}
