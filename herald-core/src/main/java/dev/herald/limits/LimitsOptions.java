package dev.herald.limits;

import dev.herald.clients.TrustedProxies;
import dev.herald.options.Check;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import java.util.Objects;

/**
 * Limits that keep one node serving a public crowd: how many streams it holds, how much one client address may take,
 * and how fast one token subject may publish. A client address is the TCP peer's, or behind a proxy listed in
 * {@link #TRUSTED_PROXIES} the one it forwards ({@link dev.herald.clients.ForwardedClient}). The per-address defaults
 * let a 2,000-person office behind one NAT through (half the node's streams, 1,000 anonymous publishes a second):
 * the node cap still sheds, and a token publisher is counted by its subject. Build it with {@link #builder()}; each
 * value is checked here by its declaration's check.
 *
 * <p>The constructor throws {@link InvalidOptionException} when a value is out of range.
 *
 * @param maxStreams          {@link #MAX_STREAMS}
 * @param maxStreamsPerClient {@link #MAX_STREAMS_PER_CLIENT}
 * @param publishRate         {@link #PUBLISH_RATE}
 * @param publishBurst        {@link #PUBLISH_BURST}
 * @param tokenPublishRate    {@link #TOKEN_PUBLISH_RATE}
 * @param tokenPublishBurst   {@link #TOKEN_PUBLISH_BURST}
 * @param trustedProxies      {@link #TRUSTED_PROXIES}
 */
public record LimitsOptions(int maxStreams, int maxStreamsPerClient, int publishRate, int publishBurst,
                            int tokenPublishRate, int tokenPublishBurst, TrustedProxies trustedProxies) {

    public static final Option<Integer> MAX_STREAMS = Option.of("max-streams", Integer.class).defaultsTo(10_000)
            .unit("streams").check(Check.atLeast(1, "stream"))
            .description("Streams (and waiting long polls) this node keeps open at once; one more stream is told to "
                    + "retry in 5 to 15 s (at random, so that a crowd does not come back at once) and closed");

    /** Its default is derived: a builder left without it takes {@link #perClientFor} the node's cap. */
    public static final Option<Integer> MAX_STREAMS_PER_CLIENT = Option.of("max-streams-per-client", Integer.class)
            .defaultsToDerived("half max-streams").unit("streams").check(Check.atLeast(1, "stream"))
            .description("Streams and waiting long polls one client address may keep open; one more is refused with "
                    + "429. Behind a proxy every client has the proxy's address unless it is in trusted-proxies");

    public static final Option<Integer> PUBLISH_RATE = Option.of("publish-rate", Integer.class).defaultsTo(1_000)
            .unit("requests per second").check(Check.atLeast(1, "request per second"))
            .description("Publish requests per second one client address may make without a valid publisher token, "
                    + "after a burst of publish-burst; more are refused with 429");

    /** Its default is derived: a builder left without a burst takes {@link #burstFor} its rate, as the phrase says. */
    public static final Option<Integer> PUBLISH_BURST = Option.of("publish-burst", Integer.class)
            .defaultsToDerived("twice publish-rate").unit("requests").check(Check.atLeast(1, "request"))
            .description("Publish requests one client address may make at once, before publish-rate paces it: the "
                    + "size of its bucket");

    public static final Option<Integer> TOKEN_PUBLISH_RATE = Option.of("token-publish-rate", Integer.class)
            .defaultsTo(5_000).unit("requests per second").check(Check.atLeast(1, "request per second"))
            .description("Publish requests per second one token subject (its sub claim) may make with a valid "
                    + "publisher token, from any address, after a burst of twice the rate; more are refused with 429");

    /** Its default is derived: a builder left without it takes {@link #burstFor} the token rate. */
    public static final Option<Integer> TOKEN_PUBLISH_BURST = Option.of("token-publish-burst", Integer.class)
            .defaultsToDerived("twice token-publish-rate").unit("requests").check(Check.atLeast(1, "request"))
            .description("Publish requests one token subject may make at once, before token-publish-rate paces it");

    /** Parsed by {@link TrustedProxies#parse}: refused naming the first item that is not an address or a block. */
    public static final Option<String> TRUSTED_PROXIES = Option.of("trusted-proxies", String.class)
            .check((option, value) -> {
                TrustedProxies.parse(option, value);
                return value;
            })
            .description("Comma-separated IP addresses or CIDR blocks (127.0.0.1, 10.0.0.0/8, fd00::/8) of the "
                    + "proxies whose Forwarded or X-Forwarded-For header names the client; none by default");

    public LimitsOptions {
        MAX_STREAMS.check(maxStreams);
        MAX_STREAMS_PER_CLIENT.check(maxStreamsPerClient);
        PUBLISH_RATE.check(publishRate);
        PUBLISH_BURST.check(publishBurst);
        TOKEN_PUBLISH_RATE.check(tokenPublishRate);
        TOKEN_PUBLISH_BURST.check(tokenPublishBurst);
        Objects.requireNonNull(trustedProxies, "trusted proxies");
    }

    /** The default of {@link #MAX_STREAMS_PER_CLIENT} for {@code maxStreams}: half of it, at least 1. */
    public static int perClientFor(int maxStreams) {
        return Math.max(1, maxStreams / 2);
    }

    /** The default of {@link #PUBLISH_BURST} for {@code publishRate}: twice the rate, as its declaration says. */
    public static int burstFor(int publishRate) {
        return (int) Math.min(Integer.MAX_VALUE, 2L * publishRate);
    }

    /**
     * 10,000 streams per node, 5,000 per client address (an office behind one NAT), 1,000 anonymous publishes a second
     * per address after a burst of 2,000, 5,000 a second per token subject after a burst of 10,000, no trusted proxy.
     */
    public static LimitsOptions defaults() {
        return builder().build();
    }

    /** A builder holding the declared defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values; a burst stays as it is when its rate changes, as does the per-client cap. */
    public Builder toBuilder() {
        return builder().maxStreams(maxStreams).maxStreamsPerClient(maxStreamsPerClient).publishRate(publishRate)
                .publishBurst(publishBurst).tokenPublishRate(tokenPublishRate).tokenPublishBurst(tokenPublishBurst)
                .trustedProxies(trustedProxies);
    }

    /** Values not set keep their declared defaults; {@link #build} checks them all. */
    public static final class Builder {

        private int maxStreams = MAX_STREAMS.defaultValue();
        /** Null until set: then derived from the node's cap. */
        private Integer maxStreamsPerClient;
        private int publishRate = PUBLISH_RATE.defaultValue();
        /** Null until set: then derived from the rate. */
        private Integer publishBurst;
        private int tokenPublishRate = TOKEN_PUBLISH_RATE.defaultValue();
        /** Null until set: then derived from the token rate. */
        private Integer tokenPublishBurst;
        private TrustedProxies trustedProxies = TrustedProxies.NONE;

        private Builder() {
        }

        public Builder maxStreams(int value) {
            maxStreams = value;
            return this;
        }

        /** The per-address cap; null (the default) derives it from the node's, {@link #perClientFor}. */
        public Builder maxStreamsPerClient(Integer value) {
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

        public Builder tokenPublishRate(int value) {
            tokenPublishRate = value;
            return this;
        }

        /** The token subject's burst; null (the default) derives it from its rate, {@link #burstFor}. */
        public Builder tokenPublishBurst(Integer value) {
            tokenPublishBurst = value;
            return this;
        }

        public Builder trustedProxies(TrustedProxies value) {
            trustedProxies = Objects.requireNonNull(value, "trusted proxies");
            return this;
        }

        /**
         * The trusted proxies written as the option is ({@link #TRUSTED_PROXIES}); null or blank for none.
         *
         * @throws InvalidOptionException naming the item that is not an address or a block
         */
        public Builder trustedProxies(String value) {
            return trustedProxies(TrustedProxies.parse(TRUSTED_PROXIES.key(), value));
        }

        /** @throws InvalidOptionException when a value is out of range */
        public LimitsOptions build() {
            return new LimitsOptions(maxStreams,
                    maxStreamsPerClient != null ? maxStreamsPerClient : perClientFor(maxStreams), publishRate,
                    publishBurst != null ? publishBurst : burstFor(publishRate), tokenPublishRate,
                    tokenPublishBurst != null ? tokenPublishBurst : burstFor(tokenPublishRate), trustedProxies);
        }
    }
}
