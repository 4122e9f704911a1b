package dev.herald.server;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;

/**
 * How the server uses the machine's cores: how many event loops serve HTTP, and whether Netty's native transport is
 * preferred to the JDK's.
 *
 * @param eventLoops      event loops serving the application's port, each with an HTTP server of its own on the
 *                        shared port; Vert.x hands accepted connections to them in turn (option {@code event-loops};
 *                        1 to {@value #MAX_EVENT_LOOPS}). Vert.x's pool has exactly this many loops, so the
 *                        management port, Redis and timers share them
 * @param nativeTransport Netty's epoll transport where it loads (Linux on x86-64), otherwise the JDK's NIO without a
 *                        word (option {@code native-transport}); false for NIO everywhere
 * @throws InvalidOptionException when a value is out of range
 */
public record EventLoopOptions(int eventLoops, boolean nativeTransport) {

    /** Far above any core count Herald is run on: a typo such as 1000 is refused rather than started as threads. */
    public static final int MAX_EVENT_LOOPS = 256;

    public EventLoopOptions {
        OptionChecks.between("event-loops", eventLoops, 1, MAX_EVENT_LOOPS);
    }

    /** One event loop per core the JVM sees, with the native transport. */
    public static EventLoopOptions defaults() {
        return new EventLoopOptions(cores(), true);
    }

    /** The cores the JVM sees ({@link Runtime#availableProcessors()}: a container's CPU limit counts). */
    public static int cores() {
        return Math.min(Runtime.getRuntime().availableProcessors(), MAX_EVENT_LOOPS);
    }

    /** The same transport on {@code loops} event loops. */
    public EventLoopOptions withEventLoops(int loops) {
        return new EventLoopOptions(loops, nativeTransport);
    }
}
