package dev.herald.bench.load;

import java.time.Duration;
import java.util.Optional;

/**
 * What one run of the harness does, checked.
 *
 * @param url         the server, on loopback
 * @param api         how to open a stream and publish on that server
 * @param subscribers streams opened, one connection each
 * @param channel     the channel every message goes to
 * @param streamChannel what every stream reads: {@code channel}, or a pattern matching it
 * @param rate        messages per second; 0 for as fast as the server answers
 * @param maxInFlight the most publish requests outstanding at once
 * @param hold        how long every stream stays open and idle before the first publish
 * @param warmup      publishing before the measured window, left out of every figure
 * @param duration    the measured window of publishing
 * @param maxConnecting streams being opened at once at most, over all of the harness's event loops
 * @param server      the server's process, to read its memory and CPU, if known
 * @param label       free text copied into the report
 * @param token       a publisher token every publish brings as {@code Authorization: Bearer}, if any
 */
record LoadPlan(LoopbackUrl url, ServerApi api, int subscribers, String channel, String streamChannel, int rate, int maxInFlight,
                Duration hold, Duration warmup, Duration duration, int maxConnecting, Optional<ServerProcess> server, String label,
                Optional<String> token) {
}
