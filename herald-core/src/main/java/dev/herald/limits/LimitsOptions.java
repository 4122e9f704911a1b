package dev.herald.limits;

import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;

/**
 * Limits that keep one node serving a public crowd: how many streams it holds, and how much one client address may
 * take. A client address is the TCP peer's: behind a proxy every client shares the proxy's address.
 *
 * @param maxStreams          streams this node keeps open at once (option {@code max-streams}; at least 1). A stream
 *                            over it is accepted, told to {@code retry} in 5 to 15 seconds (at random, so that a crowd
 *                            does not come back at once) and closed
 * @param maxStreamsPerClient streams one client address may keep open (option {@code max-streams-per-client}; at
 *                            least 1); one more is refused with 429
 * @param publishRate         publish requests per second one client address may make, in bursts of up to twice that
 *                            (option {@code publish-rate}; at least 1); more are refused with 429
 * @throws InvalidOptionException when a value is out of range
 */
public record LimitsOptions(int maxStreams, int maxStreamsPerClient, int publishRate) {

    public LimitsOptions {
        OptionChecks.atLeast("max-streams", maxStreams, 1, "stream");
        OptionChecks.atLeast("max-streams-per-client", maxStreamsPerClient, 1, "stream");
        OptionChecks.atLeast("publish-rate", publishRate, 1, "request per second");
    }

    /** 10,000 streams per node, 256 per client address (an office behind one NAT), 100 publishes per second. */
    public static LimitsOptions defaults() {
        return new LimitsOptions(10_000, 256, 100);
    }
}
