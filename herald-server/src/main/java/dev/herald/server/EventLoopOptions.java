package dev.herald.server;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.EventLoops;
import dev.herald.options.Option;

/**
 * How the server uses the machine's cores: how many event loops serve HTTP, and whether Netty's native transport is
 * preferred to the JDK's.
 *
 * @param eventLoops      {@link EventLoops#EVENT_LOOPS}: event loops serving the application's port, each with an HTTP
 *                        server of its own on the shared port. Vert.x's pool has exactly this many loops, so the
 *                        management port, Redis and timers share them
 * @param nativeTransport {@link #NATIVE_TRANSPORT}
 * @throws InvalidOptionException when a value is out of range
 */
public record EventLoopOptions(int eventLoops, boolean nativeTransport) {

    /** {@link EventLoops#MAX}. */
    public static final int MAX_EVENT_LOOPS = EventLoops.MAX;

    public static final Option<Boolean> NATIVE_TRANSPORT = Option.of("native-transport", Boolean.class).defaultsTo(true)
            .description("Use Netty's epoll transport on Linux x86-64 (elsewhere the JDK's NIO, quietly); false for NIO "
                    + "everywhere");

    public EventLoopOptions {
        EventLoops.EVENT_LOOPS.check(eventLoops);
    }

    /** One event loop per core the JVM sees, with the native transport. */
    public static EventLoopOptions defaults() {
        return new EventLoopOptions(cores(), NATIVE_TRANSPORT.defaultValue());
    }

    /** The cores the JVM sees ({@link Runtime#availableProcessors()}: a container's CPU limit counts). */
    public static int cores() {
        return EventLoops.cores();
    }

    /** The same transport on {@code loops} event loops. */
    public EventLoopOptions withEventLoops(int loops) {
        return new EventLoopOptions(loops, nativeTransport);
    }
}
