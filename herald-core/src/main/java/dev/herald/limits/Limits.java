package dev.herald.limits;

import dev.herald.metrics.HeraldMetrics;
import dev.herald.metrics.Refusal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The state behind {@link LimitsOptions}, one per node and shared by all its HTTP adapters' routes: the streams open on
 * this node, and per client address its open streams and its publish budget (a {@link TokenBucket}). Each refusal is
 * counted here, where it is decided ({@link HeraldMetrics#refused}), and worded here, so that every adapter answers
 * the same 429. What a client address is, the serving core says ({@link dev.herald.clients.ForwardedClient}: the TCP
 * peer's, or behind a trusted proxy the address it forwards). A publisher with a valid token is counted by its token's
 * subject instead, on a budget of its own ({@link LimitsOptions#tokenPublishRate}).
 *
 * <p>Threads: the routes call it from any event loop, the sweep from a timer. The node count is an atomic counter
 * taken by compare-and-set, so it never passes the cap, even for a moment. Each address's state is changed only
 * inside {@code compute} on its key of the concurrent map, which serialises the calls for one address. An address is
 * forgotten once it has no open stream and a full bucket: at once when its last stream closes, otherwise by the
 * periodic {@link #sweep} (every {@link #SWEEP_INTERVAL}), so the table holds the addresses with streams plus those
 * that published in the last moments. Token subjects are kept the same way in a map of their own, so a subject can
 * never be mistaken for an address.
 */
public final class Limits {

    /** How often an adapter should call {@link #sweep}. */
    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

    /** What a client refused for its address's limit is told to wait; it cannot know when one of its streams ends. */
    public static final long CLIENT_FULL_RETRY_AFTER_SECONDS = 10;

    /** What {@link #admitStream} decided. */
    public enum Admission {
        /** The stream is counted; call {@link #streamClosed} once when it ends. */
        ADMITTED,
        /** Its address already holds {@link LimitsOptions#maxStreamsPerClient} streams. */
        CLIENT_FULL,
        /** The node holds {@link LimitsOptions#maxStreams} streams. */
        NODE_FULL
    }

    private final LimitsOptions options;
    private final LongSupplier nanoClock;
    private final HeraldMetrics metrics;
    private final AtomicInteger streamsOpen = new AtomicInteger();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    /** Each token subject's publish budget; changed only inside {@code compute} on its key. */
    private final Map<String, TokenBucket> subjects = new ConcurrentHashMap<>();

    /** The state of one address; changed only inside {@code clients.compute} on its key. */
    private static final class Client {
        int streams;
        /** Null while the address has not published: a full bucket. */
        TokenBucket bucket;

        boolean forgettable(long now) {
            return streams == 0 && (bucket == null || bucket.isFull(now));
        }
    }

    /** Limits counted on {@code nanoClock} (as {@link System#nanoTime}), their refusals reported to {@code metrics}. */
    public Limits(LimitsOptions options, LongSupplier nanoClock, HeraldMetrics metrics) {
        this.options = options;
        this.nanoClock = nanoClock;
        this.metrics = metrics;
    }

    /** The options enforced. */
    public LimitsOptions options() {
        return options;
    }

    /** The message of a 429 for a stream over its address's limit (long polls count as streams). */
    public String clientFullMessage(String whatIsOpen) {
        return "Too many " + whatIsOpen + " open from this client address: at most " + options.maxStreamsPerClient()
                + "; close one or retry later";
    }

    /** The message of a 429 for a publish over its address's rate, {@code retryAfterSeconds} from {@link #publishRetryAfterSeconds}. */
    public String publishRateMessage(long retryAfterSeconds) {
        return "Too many publish requests from this client address: at most " + options.publishRate()
                + " a second; retry after " + retryAfterSeconds + " s";
    }

    /** The message of a 429 for a publish over its token subject's rate. */
    public String tokenPublishRateMessage(long retryAfterSeconds) {
        return "Too many publish requests with this token's subject: at most " + options.tokenPublishRate()
                + " a second; retry after " + retryAfterSeconds + " s";
    }

    /**
     * Counts a new stream of {@code address} if both its address and the node have room. The address is checked
     * first, so that a client over its own limit is always told so. When the node is full the address's count is
     * given back: a second stream of the same address racing at its limit may meanwhile be refused as
     * {@link Admission#CLIENT_FULL}.
     */
    public Admission admitStream(String address) {
        boolean[] clientFull = {false};
        clients.compute(address, (key, client) -> {
            Client state = client != null ? client : new Client();
            if (state.streams >= options.maxStreamsPerClient()) {
                clientFull[0] = true;
            } else {
                state.streams++;
            }
            return state;
        });
        if (clientFull[0]) {
            metrics.refused(Refusal.CLIENT_STREAMS);
            return Admission.CLIENT_FULL;
        }
        int open;
        do {
            open = streamsOpen.get();
            if (open >= options.maxStreams()) {
                releaseClientStream(address);
                metrics.refused(Refusal.NODE_FULL);
                return Admission.NODE_FULL;
            }
        } while (!streamsOpen.compareAndSet(open, open + 1));
        return Admission.ADMITTED;
    }

    /** Gives back what {@link #admitStream} counted, once per admitted stream. */
    public void streamClosed(String address) {
        streamsOpen.decrementAndGet();
        releaseClientStream(address);
    }

    private void releaseClientStream(String address) {
        long now = nanoClock.getAsLong();
        clients.computeIfPresent(address, (key, client) -> {
            client.streams--;
            return client.forgettable(now) ? null : client;
        });
    }

    /**
     * Takes one publish from {@code address}'s budget: 0 when allowed, else the whole seconds (at least 1) after
     * which one will be.
     */
    public long publishRetryAfterSeconds(String address) {
        return publishRetryAfterSeconds(address, 1);
    }

    /**
     * Takes {@code count} publishes (a batch's items; at most the burst) from {@code address}'s budget: 0 when allowed,
     * else the whole seconds (at least 1) after which they will be. Nothing is taken when refused.
     */
    public long publishRetryAfterSeconds(String address, int count) {
        long now = nanoClock.getAsLong();
        long[] waitNanos = {0};
        clients.compute(address, (key, client) -> {
            Client state = client != null ? client : new Client();
            if (state.bucket == null) {
                state.bucket = new TokenBucket(options.publishRate(), options.publishBurst(), now);
            }
            waitNanos[0] = state.bucket.take(now, count);
            return state;
        });
        return refusedAfter(waitNanos[0]);
    }

    /**
     * Takes one publish from the budget of the token subject {@code subject} (a publisher whose token verified): 0
     * when allowed, else the whole seconds (at least 1) after which one will be.
     */
    public long tokenPublishRetryAfterSeconds(String subject) {
        return tokenPublishRetryAfterSeconds(subject, 1);
    }

    /** As {@link #tokenPublishRetryAfterSeconds(String)} for {@code count} publishes (a batch's items; at most the burst). */
    public long tokenPublishRetryAfterSeconds(String subject, int count) {
        long now = nanoClock.getAsLong();
        long[] waitNanos = {0};
        subjects.compute(subject, (key, bucket) -> {
            TokenBucket state = bucket != null ? bucket
                    : new TokenBucket(options.tokenPublishRate(), options.tokenPublishBurst(), now);
            waitNanos[0] = state.take(now, count);
            return state;
        });
        return refusedAfter(waitNanos[0]);
    }

    private long refusedAfter(long waitNanos) {
        if (waitNanos == 0) {
            return 0;
        }
        metrics.refused(Refusal.PUBLISH_RATE);
        return Math.max(1, ceilSeconds(waitNanos));
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    /** Forgets the addresses with no open stream and a full bucket, and the token subjects with a full bucket. */
    public void sweep() {
        long now = nanoClock.getAsLong();
        for (String address : clients.keySet()) {
            clients.computeIfPresent(address, (key, client) -> client.forgettable(now) ? null : client);
        }
        for (String subject : subjects.keySet()) {
            subjects.computeIfPresent(subject, (key, bucket) -> bucket.isFull(now) ? null : bucket);
        }
    }

    /** Streams open on this node. */
    public int streamsOpen() {
        return streamsOpen.get();
    }

    /** Addresses remembered now. */
    public int addressesKnown() {
        return clients.size();
    }
}
