package dev.herald.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server under load as Linux's {@code /proc} shows it: memory and CPU time of the process and of every
 * process it started (nginx's workers, say), summed.
 *
 * <p>Memory is the proportional set size ({@code Pss} of {@code /proc/PID/smaps_rollup}): each page counts once
 * however many of the processes share it, so the sum over a master and its workers is what they really hold.
 * For a single process it is its resident memory less a share of the libraries other processes map too.
 */
final class ServerProcess {

    /** {@code utime} and {@code stime} count in clock ticks; Linux reports them at 100 Hz to user space. */
    static final double TICKS_PER_SECOND = 100.0;

    private final ProcessHandle process;

    private ServerProcess(ProcessHandle process) {
        this.process = process;
    }

    /**
     * The running process {@code pid}.
     *
     * @throws IllegalArgumentException when there is no such process to read
     */
    static ServerProcess of(long pid) {
        if (!Files.isReadable(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
            throw new IllegalArgumentException("--pid " + pid + ": no such process in /proc (is the server running, "
                    + "and is this Linux 4.14 or later?)");
        }
        return ProcessHandle.of(pid).map(ServerProcess::new).orElseThrow(() ->
                new IllegalArgumentException("--pid " + pid + ": no such process"));
    }

    long pid() {
        return process.pid();
    }

    /**
     * The proportional set size of the process and its descendants, in KiB.
     *
     * @throws UncheckedIOException when the process is gone
     */
    long memoryKiB() {
        long sum = 0;
        for (ProcessHandle member : tree()) {
            sum += parsePssKiB(read(member, "smaps_rollup"));
        }
        return sum;
    }

    /**
     * User plus system CPU time so far of the process and its live descendants, in seconds.
     *
     * @throws UncheckedIOException when the process is gone
     */
    double cpuSeconds() {
        long ticks = 0;
        for (ProcessHandle member : tree()) {
            ticks += parseCpuTicks(read(member, "stat"));
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** {@code Pss} of a {@code /proc/PID/smaps_rollup} text, in KiB. */
    static long parsePssKiB(String smapsRollup) {
        for (String line : smapsRollup.split("\n")) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(line.substring("Pss:".length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no Pss line in /proc smaps_rollup: " + smapsRollup);
    }

    /** {@code utime + stime} (fields 14 and 15) of a {@code /proc/PID/stat} line, in clock ticks. */
    static long parseCpuTicks(String stat) {
        // Field 2 is the command name in parentheses and may hold spaces: count fields after its closing one.
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(afterName[14 - 3]) + Long.parseLong(afterName[15 - 3]);
    }

    /** The process and its descendants, as they are now. */
    List<ProcessHandle> tree() {
        if (!process.isAlive()) {
            throw new UncheckedIOException(new NoSuchFileException("the server process " + process.pid() + " is gone"));
        }
        List<ProcessHandle> members = new ArrayList<>();
        members.add(process);
        process.descendants().forEach(members::add);
        return members;
    }

    private static String read(ProcessHandle member, String file) {
        Path path = Path.of("/proc", Long.toString(member.pid()), file);
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("the server process " + member.pid() + " is gone", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
