package dev.herald.spring;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.PublicKeys;
import dev.herald.auth.TokenOptions;
import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.OptionChecks;
import dev.herald.redis.BrokerOptions;
import dev.herald.request.SseRoutesOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Herald's settings under {@code herald.*}, bound with Spring's relaxed binding ({@code herald.buffer-limit},
 * {@code HERALD_BUFFER_LIMIT}, ...). This class only carries values: each is checked once, by the options record it
 * becomes ({@link #brokerOptions()}, {@link #hubOptions()}, {@link #routesOptions()}, {@link #limitsOptions()},
 * {@link #accessOptions()}, {@link #routesPrefix()}), which
 * throws {@link InvalidOptionException} naming the option; {@link InvalidOptionFailureAnalyzer} reports it as the one
 * reason the application did not start.
 */
@ConfigurationProperties("herald")
public class HeraldProperties {

    /** Which broker carries events: {@code memory} (one process), {@code redis-pubsub} or {@code redis-streams}. */
    public enum BrokerKind {
        MEMORY, REDIS_PUBSUB, REDIS_STREAMS
    }

    /** Whether Herald mounts its endpoints; false leaves the application without them. */
    private boolean enabled = true;

    /**
     * Where the endpoints are mounted, as flask-sse's {@code url_prefix}: {@code GET <prefix>/stream} and
     * {@code POST <prefix>/publish}. Empty (the default) or a path that starts with "/" and does not end with one.
     */
    private String prefix = "";

    /** The broker: memory (the default), redis-pubsub (flask-sse's format) or redis-streams (history in Redis). */
    private BrokerKind broker = BrokerKind.MEMORY;

    /** The Redis connection of the Redis brokers. */
    private final Redis redis = new Redis();

    /** How often every stream gets a comment line, so that proxies keep it open. */
    private Duration heartbeat = Duration.ofSeconds(15);

    /** The reconnection time announced at the start of every stream. */
    private Duration retry = Duration.ofSeconds(3);

    /** How many events each channel's history keeps for clients that resume (per node, or per Redis stream). */
    private int historySize = 1000;

    /** How long an event stays in history (memory and redis-pubsub brokers; Redis Streams keep no age limit). */
    private Duration historyAge = Duration.ofHours(1);

    /** The outbound buffer of one stream: a client that falls further behind is dropped and resumes by Last-Event-ID. */
    private DataSize bufferLimit = DataSize.ofKilobytes(256);

    /** The largest request body that the publish endpoint accepts (413 beyond). */
    private DataSize bodyLimit = DataSize.ofKilobytes(64);

    /** The most channels one stream may name. */
    private int maxChannels = 64;

    /**
     * Streams this node keeps open at once; one more is accepted, told to retry in 5 to 15 seconds (at random) and
     * closed.
     */
    private int maxStreams = 10_000;

    /**
     * Streams one client address may keep open; one more is refused with 429. The address is the request's remote
     * address: behind a proxy, the proxy's for every client, unless the application has Spring apply the proxy's
     * forwarded headers (server.forward-headers-strategy).
     */
    private int maxStreamsPerClient = 256;

    /**
     * Publish requests per second one client address may make, in bursts of up to twice that; more are refused with
     * 429.
     */
    private int publishRate = 100;

    /**
     * HS256 secret that publisher and subscriber tokens are signed with, at least 32 bytes; with it (or jwt-key)
     * publishing needs a token. Prefer the environment (HERALD_JWT_SECRET) to a file others can read.
     */
    private String jwtSecret;

    /** File with the public key(s) RS256 and ES256 tokens are checked with: PEM (BEGIN PUBLIC KEY) or a JWKS document. */
    private String jwtKey;

    /** The iss every token must carry; without it any issuer. */
    private String jwtIssuer;

    /** A value every token's aud must hold; without it any audience. */
    private String jwtAudience;

    /**
     * Channels a stream needs a token for, comma-separated patterns ("user-*, orders"); a "*" matches any characters.
     * Needs jwt-secret or jwt-key.
     */
    private String privateChannels;

    /** Whether a stream may bring its token as ?access_token= (URLs end up in logs: off by default). */
    private boolean allowQueryToken = false;

    /**
     * How many single-threaded loops serve the streams (each stream lives on one); 0, the default, means one per
     * available processor.
     */
    private int loops = 0;

    /** The Redis connection of the Redis brokers. */
    public static class Redis {

        /** The Redis server, redis://host:port/db or rediss://... (used by the redis-pubsub and redis-streams brokers). */
        private String url = "redis://localhost:6379/0";

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }
    }

    /** The broker's options record; throws {@link InvalidOptionException} for a bad value. */
    public BrokerOptions brokerOptions() {
        return switch (OptionChecks.present("broker", broker)) {
            case MEMORY -> new BrokerOptions.Memory(new HistoryPolicy(historySize, historyAge));
            case REDIS_PUBSUB -> new BrokerOptions.RedisPubSub(redis.getUrl(), new HistoryPolicy(historySize, historyAge));
            case REDIS_STREAMS -> new BrokerOptions.RedisStreams(redis.getUrl(), historySize);
        };
    }

    /** The hub's options record; throws {@link InvalidOptionException} for a bad value. */
    public HubOptions hubOptions() {
        return new HubOptions(heartbeat, retry);
    }

    /** The endpoints' limits; throws {@link InvalidOptionException} for a bad value. */
    public SseRoutesOptions routesOptions() {
        return new SseRoutesOptions(bytes("buffer-limit", bufferLimit), bytes("body-limit", bodyLimit), maxChannels);
    }

    /** The caps of streams and of the publish rate; throws {@link InvalidOptionException} for a bad value. */
    public LimitsOptions limitsOptions() {
        return LimitsOptions.builder().maxStreams(maxStreams).maxStreamsPerClient(maxStreamsPerClient)
                .publishRate(publishRate).build();
    }

    /**
     * Publisher tokens and private channels; reads the key file, once. Throws {@link InvalidOptionException} for a
     * bad value.
     */
    public AccessOptions accessOptions() {
        PublicKeys keys = jwtKey == null || jwtKey.isBlank() ? null : PublicKeys.read(Path.of(jwtKey));
        return new AccessOptions(new TokenOptions(jwtSecret, keys, jwtIssuer, jwtAudience),
                ChannelPatterns.parse(privateChannels), allowQueryToken);
    }

    /** The prefix, checked; throws {@link InvalidOptionException} for a bad value. */
    public String routesPrefix() {
        if (prefix == null) {
            return "";
        }
        if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
            throw new InvalidOptionException("prefix", "must be empty or start with \"/\" and not end with one, got \"" + prefix + "\"");
        }
        return prefix;
    }

    /** The number of loops, checked; throws {@link InvalidOptionException} for a bad value. */
    public int loopCount() {
        if (loops < 0) {
            throw new InvalidOptionException("loops", "must be 0 (one per processor) or more, got " + loops);
        }
        return loops == 0 ? Runtime.getRuntime().availableProcessors() : loops;
    }

    private static int bytes(String option, DataSize size) {
        long value = size == null ? -1 : size.toBytes();
        if (value > Integer.MAX_VALUE) {
            throw new InvalidOptionException(option, "must be at most 2GB, got " + size);
        }
        return (int) value;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public BrokerKind getBroker() {
        return broker;
    }

    public void setBroker(BrokerKind broker) {
        this.broker = broker;
    }

    public Redis getRedis() {
        return redis;
    }

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public Duration getRetry() {
        return retry;
    }

    public void setRetry(Duration retry) {
        this.retry = retry;
    }

    public int getHistorySize() {
        return historySize;
    }

    public void setHistorySize(int historySize) {
        this.historySize = historySize;
    }

    public Duration getHistoryAge() {
        return historyAge;
    }

    public void setHistoryAge(Duration historyAge) {
        this.historyAge = historyAge;
    }

    public DataSize getBufferLimit() {
        return bufferLimit;
    }

    public void setBufferLimit(DataSize bufferLimit) {
        this.bufferLimit = bufferLimit;
    }

    public DataSize getBodyLimit() {
        return bodyLimit;
    }

    public void setBodyLimit(DataSize bodyLimit) {
        this.bodyLimit = bodyLimit;
    }

    public int getMaxChannels() {
        return maxChannels;
    }

    public void setMaxChannels(int maxChannels) {
        this.maxChannels = maxChannels;
    }

    public int getMaxStreams() {
        return maxStreams;
    }

    public void setMaxStreams(int maxStreams) {
        this.maxStreams = maxStreams;
    }

    public int getMaxStreamsPerClient() {
        return maxStreamsPerClient;
    }

    public void setMaxStreamsPerClient(int maxStreamsPerClient) {
        this.maxStreamsPerClient = maxStreamsPerClient;
    }

    public int getPublishRate() {
        return publishRate;
    }

    public void setPublishRate(int publishRate) {
        this.publishRate = publishRate;
    }

    public String getJwtSecret() {
        return jwtSecret;
    }

    public void setJwtSecret(String jwtSecret) {
        this.jwtSecret = jwtSecret;
    }

    public String getJwtKey() {
        return jwtKey;
    }

    public void setJwtKey(String jwtKey) {
        this.jwtKey = jwtKey;
    }

    public String getJwtIssuer() {
        return jwtIssuer;
    }

    public void setJwtIssuer(String jwtIssuer) {
        this.jwtIssuer = jwtIssuer;
    }

    public String getJwtAudience() {
        return jwtAudience;
    }

    public void setJwtAudience(String jwtAudience) {
        this.jwtAudience = jwtAudience;
    }

    public String getPrivateChannels() {
        return privateChannels;
    }

    public void setPrivateChannels(String privateChannels) {
        this.privateChannels = privateChannels;
    }

    public boolean isAllowQueryToken() {
        return allowQueryToken;
    }

    public void setAllowQueryToken(boolean allowQueryToken) {
        this.allowQueryToken = allowQueryToken;
    }

    public int getLoops() {
        return loops;
    }

    public void setLoops(int loops) {
        this.loops = loops;
    }
}
