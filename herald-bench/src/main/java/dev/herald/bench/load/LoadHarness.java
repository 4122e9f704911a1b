package dev.herald.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The load harness: {@code java -cp herald-bench.jar dev.herald.bench.load.LoadHarness [options]}. Opens many
 * event streams on one channel of a server on this machine, publishes to that channel from the same process,
 * and prints one JSON line of figures on stdout (progress goes to stderr). Exit status: 0 with figures, 1 when
 * the run could not produce them, 2 for a bad option (among them a URL that is not on loopback).
 */
@Command(name = "herald-bench", mixinStandardHelpOptions = true, version = "Herald bench 0.3.0", sortOptions = false,
        description = "Loads an SSE server on this machine: opens --subscribers streams (Herald: GET <url>/stream?channel=<channel>; "
                + "Nchan: GET <url>/sub/<channel>), holds them idle for --hold seconds, publishes (Herald: POST <url>/publish; "
                + "Nchan: POST <url>/pub?id=<channel>) for --warmup then --duration seconds, and prints one JSON line: "
                + "publish-to-receive latency percentiles, throughput, lost, duplicated and reordered events, and, "
                + "with --pid, the server's memory per connection and CPU time.")
public final class LoadHarness implements Callable<Integer> {

    /** Just under the open-file limit of 20,000 that these machines give a process. */
    static final int MAX_SUBSCRIBERS = 19_500;
    static final int MAX_HOLD_S = 600;
    static final int MAX_DURATION_S = 300;
    static final int MAX_WARMUP_S = 60;
    static final int MAX_IN_FLIGHT = 1024;
    static final int MAX_RATE = 1_000_000;
    /** Connections being opened at once by default: 64 per event loop of the harness on these 2-core machines. */
    static final int DEFAULT_MAX_CONNECTING = 128;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of the server; its host must be loopback (127.0.0.0/8, localhost or [::1]). "
                    + "Default: ${DEFAULT-VALUE}")
    private String url;

    @Option(names = "--api", defaultValue = "herald",
            description = "The server's API: herald, or nchan (nginx with Nchan, its subscriber location /sub/<channel> "
                    + "with nchan_eventsource_event bench, its publisher location /pub?id=<channel>). Default: ${DEFAULT-VALUE}")
    private String api;

    @Option(names = "--subscribers", defaultValue = "1000",
            description = "Streams to open, one connection each, at most " + MAX_SUBSCRIBERS + ". Default: ${DEFAULT-VALUE}")
    private int subscribers;

    @Option(names = "--channel", defaultValue = "bench", description = "Channel to stream and publish on. Default: ${DEFAULT-VALUE}")
    private String channel;

    @Option(names = "--stream-channel", description = "What the streams read, when not --channel: a pattern matching it "
            + "(orders.*), to measure pattern subscriptions against named ones")
    private String streamChannel;

    @Option(names = "--rate", defaultValue = "100",
            description = "Messages published per second; 0 publishes as fast as the server answers. Default: ${DEFAULT-VALUE}")
    private int rate;

    @Option(names = "--max-in-flight", defaultValue = "64",
            description = "Publish requests outstanding at most (the pace when --rate is 0; at a rate it only holds "
                    + "back a server that falls behind), 1 to " + MAX_IN_FLIGHT + ". Default: ${DEFAULT-VALUE}")
    private int maxInFlight;

    @Option(names = "--duration", defaultValue = "10",
            description = "Seconds of measured publishing, 1 to " + MAX_DURATION_S + ". Default: ${DEFAULT-VALUE}")
    private int durationS;

    @Option(names = "--hold", defaultValue = "0",
            description = "Seconds every stream stays open and idle before publishing begins (heartbeats only), 0 to "
                    + MAX_HOLD_S + "; the server's idle memory is read at its end. Default: ${DEFAULT-VALUE}")
    private int holdS;

    @Option(names = "--warmup", defaultValue = "2",
            description = "Seconds of publishing before the measured window, left out of the figures, 0 to "
                    + MAX_WARMUP_S + ". Default: ${DEFAULT-VALUE}")
    private int warmupS;

    @Option(names = "--max-connecting", defaultValue = "" + DEFAULT_MAX_CONNECTING,
            description = "Streams being opened at once at most, 1 to " + MAX_SUBSCRIBERS + "; as many as --subscribers "
                    + "opens them all at once (a connect storm), fewer keep a burst from overflowing the server's "
                    + "accept backlog. Default: ${DEFAULT-VALUE}")
    private int maxConnecting;

    @Option(names = "--pid", description = "Process id of the server, to report its memory per connection and its CPU time")
    private Long pid;

    @Option(names = "--label", defaultValue = "", description = "Free text copied into the output")
    private String label;

    @Option(names = "--token", description = "A publisher token every publish sends as Authorization: Bearer "
            + "(the server then counts the publishes by the token's subject, not by the address)")
    private String token;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command, whose option errors print one line and a hint instead of the whole usage. */
    static CommandLine commandLine() {
        return new CommandLine(new LoadHarness()).setParameterExceptionHandler((error, args) -> {
            error.getCommandLine().getErr().println("herald-bench: " + error.getMessage());
            error.getCommandLine().getErr().println("Try --help for the options.");
            return CommandLine.ExitCode.USAGE;
        });
    }

    @Override
    public Integer call() throws InterruptedException, JsonProcessingException {
        LoadPlan plan = validated();
        try {
            LoadReport report = new LoadRun(plan, spec.commandLine().getErr()).run();
            spec.commandLine().getOut().println(JSON.writeValueAsString(report));
            return 0;
        } catch (LoadFailedException | UncheckedIOException e) {
            spec.commandLine().getErr().println("herald-bench: " + e.getMessage());
            return 1;
        }
    }

    private LoadPlan validated() {
        LoopbackUrl server;
        try {
            server = LoopbackUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerApi serverApi = switch (api) {
            case "herald" -> ServerApi.HERALD;
            case "nchan" -> ServerApi.NCHAN;
            default -> throw new ParameterException(spec.commandLine(), "--api must be herald or nchan, got '" + api + "'");
        };
        within("--subscribers", subscribers, 1, MAX_SUBSCRIBERS);
        within("--hold", holdS, 0, MAX_HOLD_S);
        within("--rate", rate, 0, MAX_RATE);
        within("--max-in-flight", maxInFlight, 1, MAX_IN_FLIGHT);
        within("--duration", durationS, 1, MAX_DURATION_S);
        within("--warmup", warmupS, 0, MAX_WARMUP_S);
        within("--max-connecting", maxConnecting, 1, MAX_SUBSCRIBERS);
        if (channel.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--channel must not be empty");
        }
        Optional<ServerProcess> process;
        try {
            process = Optional.ofNullable(pid).map(ServerProcess::of);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (streamChannel != null && streamChannel.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--stream-channel must not be empty");
        }
        return new LoadPlan(server, serverApi, subscribers, channel, streamChannel == null ? channel : streamChannel, rate, maxInFlight, Duration.ofSeconds(holdS),
                Duration.ofSeconds(warmupS), Duration.ofSeconds(durationS), maxConnecting, process, label,
                Optional.ofNullable(token).filter(text -> !text.isBlank()));
    }

    private void within(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
