package dev.herald.limits;

import dev.herald.options.Check;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;

/**
 * Limits that keep one node serving a public crowd: how many streams it holds, and how much one client address may
 * take. A client address is the TCP peer's: behind a proxy every client shares the proxy's address. Build it with
 * {@link #builder()}; each value is checked here by its declaration's check.
 *
 * <p>The constructor throws {@link InvalidOptionException} when a value is out of range.
 *
 * @param maxStreams          {@link #MAX_STREAMS}
 * @param maxStreamsPerClient {@link #MAX_STREAMS_PER_CLIENT}
 * @param publishRate         {@link #PUBLISH_RATE}
 * @param publishBurst        {@link #PUBLISH_BURST}
 */
public record LimitsOptions(int maxStreams, int maxStreamsPerClient, int publishRate, int publishBurst) {

    public static final Option<Integer> MAX_STREAMS = Option.of("max-streams", Integer.class).defaultsTo(10_000)
            .unit("streams").check(Check.atLeast(1, "stream"))
            .description("Streams (and waiting long polls) this node keeps open at once; one more stream is told to "
                    + "retry in 5 to 15 s (at random, so that a crowd does not come back at once) and closed");

    public static final Option<Integer> MAX_STREAMS_PER_CLIENT = Option.of("max-streams-per-client", Integer.class)
            .defaultsTo(256).unit("streams").check(Check.atLeast(1, "stream"))
            .description("Streams and waiting long polls one client address may keep open; one more is refused with "
                    + "429. Behind a proxy every client has the proxy's address");

    public static final Option<Integer> PUBLISH_RATE = Option.of("publish-rate", Integer.class).defaultsTo(100)
            .unit("requests per second").check(Check.atLeast(1, "request per second"))
            .description("Publish requests per second one client address may make, after a burst of publish-burst; "
                    + "more are refused with 429");

    /** Its default is derived: a builder left without a burst takes {@link #burstFor} its rate, as the phrase says. */
    public static final Option<Integer> PUBLISH_BURST = Option.of("publish-burst", Integer.class)
            .defaultsToDerived("twice publish-rate").unit("requests").check(Check.atLeast(1, "request"))
            .description("Publish requests one client address may make at once, before publish-rate paces it: the "
                    + "size of its bucket");

    public LimitsOptions {
        MAX_STREAMS.check(maxStreams);
        MAX_STREAMS_PER_CLIENT.check(maxStreamsPerClient);
        PUBLISH_RATE.check(publishRate);
        PUBLISH_BURST.check(publishBurst);
    }

    /** The default of {@link #PUBLISH_BURST} for {@code publishRate}: twice the rate, as its declaration says. */
    public static int burstFor(int publishRate) {
        return (int) Math.min(Integer.MAX_VALUE, 2L * publishRate);
    }

    /**
     * 10,000 streams per node, 256 per client address (an office behind one NAT), 100 publishes per second after a
     * burst of 200.
     */
    public static LimitsOptions defaults() {
        return builder().build();
    }

    /** A builder holding the declared defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values; the burst stays as it is when the rate changes. */
    public Builder toBuilder() {
        return builder().maxStreams(maxStreams).maxStreamsPerClient(maxStreamsPerClient).publishRate(publishRate)
                .publishBurst(publishBurst);
    }

    /** Values not set keep their declared defaults; {@link #build} checks them all. */
    public static final class Builder {

        private int maxStreams = MAX_STREAMS.defaultValue();
        private int maxStreamsPerClient = MAX_STREAMS_PER_CLIENT.defaultValue();
        private int publishRate = PUBLISH_RATE.defaultValue();
        /** Null until set: then derived from the rate. */
        private Integer publishBurst;

        private Builder() {
        }

        public Builder maxStreams(int value) {
            maxStreams = value;
            return this;
        }

        public Builder maxStreamsPerClient(int value) {
            maxStreamsPerClient = value;
            return this;
        }

        public Builder publishRate(int value) {
            publishRate = value;
            return this;
        }

        /** The burst; null (the default) derives it from the rate, {@link #burstFor}. */
        public Builder publishBurst(Integer value) {
            publishBurst = value;
            return this;
        }

        /** @throws InvalidOptionException when a value is out of range */
        public LimitsOptions build() {
            return new LimitsOptions(maxStreams, maxStreamsPerClient, publishRate,
                    publishBurst != null ? publishBurst : burstFor(publishRate));
        }
    }
}
