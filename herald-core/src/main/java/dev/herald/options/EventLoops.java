package dev.herald.options;

/**
 * The loops that own the streams, one thread each: the server's Vert.x event loops ({@code --event-loops}) and the
 * Spring starter's stream loops ({@code herald.loops}) are counted by the one declaration {@link #EVENT_LOOPS}, so both
 * take the same range.
 */
public final class EventLoops {

    /** Far above any core count Herald is run on: a typo such as 1000 is refused rather than started as threads. */
    public static final int MAX = 256;

    public static final Option<Integer> EVENT_LOOPS = Option.of("event-loops", Integer.class)
            .defaultsToDerived("the number of cores").unit("loops").check(Check.between(1, MAX))
            .description("Event loops serving the streams, one thread each; connections are handed to them in turn");

    private EventLoops() {
    }

    /** The cores the JVM sees ({@link Runtime#availableProcessors()}: a container's CPU limit counts), at most {@link #MAX}. */
    public static int cores() {
        return Math.min(Runtime.getRuntime().availableProcessors(), MAX);
    }
}
