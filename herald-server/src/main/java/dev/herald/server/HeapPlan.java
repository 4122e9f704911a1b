package dev.herald.server;

import dev.herald.broker.HistoryPolicy;
import dev.herald.limits.LimitsOptions;
import dev.herald.options.InvalidOptionException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The heap {@code bin/herald} gives the node, from the node's own command line:
 * {@code java -cp herald.jar dev.herald.server.HeapPlan [herald options]} reads the flags, the environment and the
 * configuration file exactly as {@link Main} will, and prints one line, {@code <heap MiB> <max-streams> <streams the
 * heap is sized for> <history budget>} ({@code 184 10000 10000 64MiB}); a value the node would refuse is reported as
 * the node reports it (exit status 2), before a JVM of that heap starts.
 *
 * <p>The heap is 64 MiB for Herald itself, 12 KiB per stream (an idle stream holds about 6 KiB of heap, most of it
 * Vert.x's and Netty's per-connection state; the rest is room for bursts), and twice the history's budget on this
 * node ({@code history-memory}: the history itself, and as much again for the garbage of the publishes that fill it;
 * the node refuses to start when the budget is over half of its heap, {@link HistoryHeap}). Redis Streams mode keeps
 * its history in Redis and adds nothing. The streams are {@code HERALD_MAX_CONNECTIONS} when set (the launcher's own
 * variable), else {@code max-streams} when any source sets it, else its default; {@code max-streams}
 * is the streams unless a source sets it.
 */
public final class HeapPlan {

    static final int HERALD_MIB = 64;
    static final int STREAM_KIB = 12;

    private HeapPlan() {
    }

    public static void main(String[] args) {
        System.exit(run(DeclaredOptions.fromEnvironment(), System.getenv("HERALD_MAX_CONNECTIONS"), args,
                new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Prints the plan for {@code args} to {@code out}, or a refusal to {@code err}; returns the exit status.
     *
     * @param connections {@code HERALD_MAX_CONNECTIONS}: a whole number, or null when not set
     */
    static int run(DeclaredOptions declared, String connections, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = Main.commandLine(declared);
        commandLine.setErr(err);
        CommandLineErrors errors = new CommandLineErrors(args);
        commandLine.setParameterExceptionHandler(errors);
        if (connections != null && !(connections.matches("[0-9]{1,7}") && Integer.parseInt(connections) >= 1)) {
            commandLine.getErr().println("herald: HERALD_MAX_CONNECTIONS must be a whole number from 1 to 9999999, got '"
                    + connections + "'");
            commandLine.getErr().flush();
            return commandLine.getCommandSpec().exitCodeOnInvalidInput();
        }
        HeraldConfig config;
        boolean streamsConfigured;
        try {
            commandLine.parseArgs(args);
            declared.configFile(commandLine.getCommandSpec());
            config = commandLine.<Main>getCommand().checked().config();
            streamsConfigured = commandLine.getParseResult().hasMatchedOption("--" + LimitsOptions.MAX_STREAMS.key())
                    || declared.source(LimitsOptions.MAX_STREAMS, commandLine.getCommandSpec()).isPresent();
        } catch (ParameterException refused) {
            return errors.handleParseException(refused, args);
        } catch (InvalidOptionException invalid) {
            return CommandLineErrors.report(commandLine, invalid);
        }
        int maxStreams = config.limits().maxStreams();
        int sizedFor = connections != null ? Integer.parseInt(connections)
                : streamsConfigured ? maxStreams : LimitsOptions.MAX_STREAMS.defaultValue();
        long history = HistoryHeap.bytesOnThisNode(config.broker());
        out.println(heapMib(sizedFor, history) + " " + (streamsConfigured ? maxStreams : sizedFor) + " " + sizedFor + " "
                + HistoryPolicy.HISTORY_MEMORY.format((int) history));
        return 0;
    }

    /** The heap in MiB for {@code streams} and a history budget of {@code historyBytes}. */
    static long heapMib(int streams, long historyBytes) {
        long mebibyte = 1024 * 1024;
        return HERALD_MIB + (streams * (long) STREAM_KIB + 1023) / 1024 + 2 * ((historyBytes + mebibyte - 1) / mebibyte);
    }
}
