package dev.herald.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The server under load as Linux's {@code /proc} shows it: resident memory and CPU time. */
final class ServerProcess {

    /** {@code utime} and {@code stime} count in clock ticks; Linux reports them at 100 Hz to user space. */
    static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    private ServerProcess(long pid) {
        this.pid = pid;
    }

    /**
     * The running process {@code pid}.
     *
     * @throws IllegalArgumentException when there is no such process to read
     */
    static ServerProcess of(long pid) {
        if (!Files.isReadable(Path.of("/proc", Long.toString(pid), "status"))) {
            throw new IllegalArgumentException("--pid " + pid + ": no such process in /proc (is the server running, "
                    + "and is this Linux?)");
        }
        return new ServerProcess(pid);
    }

    long pid() {
        return pid;
    }

    /**
     * The resident set size, {@code VmRSS}, in KiB.
     *
     * @throws UncheckedIOException when the process is gone
     */
    long rssKiB() {
        return parseRssKiB(read("status"));
    }

    /**
     * User plus system CPU time so far, in seconds.
     *
     * @throws UncheckedIOException when the process is gone
     */
    double cpuSeconds() {
        return parseCpuTicks(read("stat")) / TICKS_PER_SECOND;
    }

    /** {@code VmRSS} of a {@code /proc/PID/status} text, in KiB. */
    static long parseRssKiB(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc status: " + status);
    }

    /** {@code utime + stime} (fields 14 and 15) of a {@code /proc/PID/stat} line, in clock ticks. */
    static long parseCpuTicks(String stat) {
        // Field 2 is the command name in parentheses and may hold spaces: count fields after its closing one.
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(afterName[14 - 3]) + Long.parseLong(afterName[15 - 3]);
    }

    private String read(String file) {
        Path path = Path.of("/proc", Long.toString(pid), file);
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("the server process " + pid + " is gone", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
