package dev.herald.spring;

import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.auth.PublicKeys;
import dev.herald.auth.TokenOptions;
import dev.herald.broker.HistoryPolicy;
import dev.herald.hub.HubOptions;
import dev.herald.publish.Idempotency;
import dev.herald.limits.LimitsOptions;
import dev.herald.options.EventLoops;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Option;
import dev.herald.options.OptionChecks;
import dev.herald.redis.BrokerOptions;
import dev.herald.request.SseRoutesOptions;
import dev.herald.web.console.ConsoleOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Herald's settings under {@code herald.*}, bound with Spring's relaxed binding ({@code herald.buffer-limit},
 * {@code HERALD_BUFFER_LIMIT}, ...). Each property but {@code enabled}, {@code broker} and {@code redis.url} stands for
 * an option declared next to its options record ({@link #DECLARED}): its field's default is the declaration's, and the
 * build writes the declaration's sentence and default into the configuration metadata
 * ({@code ConfigurationMetadataFromDeclarations}, run after the annotation processor). This class only carries values:
 * each is checked once, by the options record it becomes ({@link #brokerOptions()}, {@link #hubOptions()},
 * {@link #routesOptions()}, {@link #limitsOptions()}, {@link #accessOptions()}) or by its declaration's check
 * ({@link #routesPrefix()}, {@link #loopCount()}), which throws {@link InvalidOptionException} naming the option;
 * {@link InvalidOptionFailureAnalyzer} reports it as the one reason the application did not start.
 */
@ConfigurationProperties("herald")
public class HeraldProperties extends HeraldPresenceProperties {

    /** Spring's name for the loop count: the same declaration, range and check as the server's {@code event-loops}. */
    static final Option<Integer> LOOPS = EventLoops.EVENT_LOOPS.alias("loops");

    /** The declaration behind each property; the properties not listed here are the starter's own. */
    static final Map<String, Option<?>> DECLARED = declared(SseRoutesOptions.PREFIX, HubOptions.HEARTBEAT,
            HubOptions.RETRY, HubOptions.SLOW_CLIENT_TIMEOUT, HubOptions.DRAIN_TIME, HistoryPolicy.HISTORY_SIZE,
            HistoryPolicy.HISTORY_AGE, HistoryPolicy.HISTORY_MEMORY, SseRoutesOptions.BUFFER_LIMIT,
            SseRoutesOptions.BODY_LIMIT, SseRoutesOptions.MAX_CHANNELS, LimitsOptions.MAX_STREAMS,
            LimitsOptions.MAX_STREAMS_PER_CLIENT, LimitsOptions.PUBLISH_RATE, LimitsOptions.PUBLISH_BURST,
            LimitsOptions.TOKEN_PUBLISH_RATE, LimitsOptions.TOKEN_PUBLISH_BURST, LimitsOptions.TRUSTED_PROXIES,
            TokenOptions.JWT_SECRET, TokenOptions.JWT_KEY, TokenOptions.JWT_JWKS_URL, TokenOptions.JWT_ISSUER,
            TokenOptions.JWT_AUDIENCE, AccessOptions.PRIVATE_CHANNELS, AccessOptions.ALLOW_QUERY_TOKEN,
            PRESENCE_CHANNELS, PRESENCE_TTL, LOOPS, CONSOLE, ConsoleOptions.NODE_ID, HistoryPolicy.HISTORY,
            HubOptions.LATEST_VALUE_CHANNELS, Idempotency.WINDOW, HeraldRedisProperties.WAIT_REPLICAS,
            HeraldRedisProperties.WAIT_TIMEOUT, HeraldRedisProperties.LINGER, HubOptions.PUBLISH_BACKLOG,
            HubOptions.PUBLISH_WAIT);

    /** Which broker carries events: {@code memory} (one process), {@code redis-pubsub} or {@code redis-streams}. */
    public enum BrokerKind { MEMORY, REDIS_PUBSUB, REDIS_STREAMS }

    /** Whether Herald mounts its endpoints; false leaves the application without them. */
    private boolean enabled = true;

    private String prefix = SseRoutesOptions.PREFIX.defaultValue();

    /** The broker: memory (the default), redis-pubsub (flask-sse's format) or redis-streams (history in Redis). */
    private BrokerKind broker = BrokerKind.MEMORY;

    /** The Redis connection of the Redis brokers. */
    @NestedConfigurationProperty
    private final HeraldRedisProperties redis = new HeraldRedisProperties();

    private Duration heartbeat = HubOptions.HEARTBEAT.defaultValue();
    private Duration retry = HubOptions.RETRY.defaultValue();
    private Duration slowClientTimeout = HubOptions.SLOW_CLIENT_TIMEOUT.defaultValue();
    private Duration drainTime = HubOptions.DRAIN_TIME.defaultValue();
    private int historySize = HistoryPolicy.HISTORY_SIZE.defaultValue();
    private Duration historyAge = HistoryPolicy.HISTORY_AGE.defaultValue();
    private DataSize historyMemory = DataSize.ofBytes(HistoryPolicy.HISTORY_MEMORY.defaultValue());
    private DataSize bufferLimit = DataSize.ofBytes(SseRoutesOptions.BUFFER_LIMIT.defaultValue());
    private DataSize bodyLimit = DataSize.ofBytes(SseRoutesOptions.BODY_LIMIT.defaultValue());
    private int maxChannels = SseRoutesOptions.MAX_CHANNELS.defaultValue();
    private int maxStreams = LimitsOptions.MAX_STREAMS.defaultValue();
    /** Null: derived from max-streams, as its declaration says. */
    private Integer maxStreamsPerClient;
    private int publishRate = LimitsOptions.PUBLISH_RATE.defaultValue();
    /** Null: derived from the rate, as its declaration says. */
    private Integer publishBurst;
    private int tokenPublishRate = LimitsOptions.TOKEN_PUBLISH_RATE.defaultValue();
    /** Null: derived from the token rate, as its declaration says. */
    private Integer tokenPublishBurst;
    /**
     * Not to be stacked with Boot's {@code server.forward-headers-strategy}: with that, the servlet's remote address is
     * already the forwarded one, and Herald would read the headers a second time.
     */
    private String trustedProxies;

    private String jwtSecret;
    private String jwtKey;
    private String jwtJwksUrl;
    private String jwtIssuer;
    private String jwtAudience;
    private String privateChannels;
    private boolean allowQueryToken = AccessOptions.ALLOW_QUERY_TOKEN.defaultValue();

    /** 0, Spring's own way to leave it out: then its declared default, one loop per core. */
    private int loops = 0;

    /** The broker's options record; throws {@link InvalidOptionException} for a bad value. */
    public BrokerOptions brokerOptions() {
        return switch (OptionChecks.present("broker", broker)) {
            case MEMORY -> new BrokerOptions.Memory(historyPolicy());
            case REDIS_PUBSUB -> redis.pubSub(historyPolicy());
            case REDIS_STREAMS -> redis.streams(historySize, historyRules());
        };
    }

    private HistoryPolicy historyPolicy() {
        return new HistoryPolicy(historySize, historyAge, bytes(HistoryPolicy.HISTORY_MEMORY.key(), historyMemory),
                historyRules());
    }

    /** The hub's options record; throws {@link InvalidOptionException} for a bad value. */
    public HubOptions hubOptions() {
        return backpressure(new HubOptions(heartbeat, retry, slowClientTimeout, drainTime, latestValueChannels()));
    }

    /** The endpoints' limits; throws {@link InvalidOptionException} for a bad value. */
    public SseRoutesOptions routesOptions() {
        return new SseRoutesOptions(bytes("buffer-limit", bufferLimit), bytes("body-limit", bodyLimit), maxChannels);
    }

    /** The caps of streams and of the publish rate; throws {@link InvalidOptionException} for a bad value. */
    public LimitsOptions limitsOptions() {
        return LimitsOptions.builder().maxStreams(maxStreams).maxStreamsPerClient(maxStreamsPerClient)
                .publishRate(publishRate).publishBurst(publishBurst).tokenPublishRate(tokenPublishRate)
                .tokenPublishBurst(tokenPublishBurst).trustedProxies(trustedProxies).build();
    }

    /** Tokens and private channels, the key file read once; throws {@link InvalidOptionException} for a bad value. */
    public AccessOptions accessOptions() {
        PublicKeys keys = jwtKey == null || jwtKey.isBlank() ? null : PublicKeys.read(Path.of(jwtKey));
        return new AccessOptions(new TokenOptions(jwtSecret, keys, jwtIssuer, jwtAudience, TokenOptions.jwksUrl(jwtJwksUrl)),
                ChannelPatterns.parse(privateChannels), allowQueryToken);
    }

    /** The prefix, checked by its declaration; throws {@link InvalidOptionException} for a bad value. */
    public String routesPrefix() {
        return SseRoutesOptions.PREFIX.check(prefix);
    }

    /** The number of loops (0: one per core), checked as the server's; throws {@link InvalidOptionException} if bad. */
    public int loopCount() {
        return loops == 0 ? EventLoops.cores() : LOOPS.check(loops);
    }

    private static Map<String, Option<?>> declared(Option<?>... options) {
        Map<String, Option<?>> byProperty = new LinkedHashMap<>();
        for (Option<?> option : options) {
            byProperty.put(InvalidOptionFailureAnalyzer.propertyOf(option.key()), option);
        }
        return Collections.unmodifiableMap(byProperty);
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

    public HeraldRedisProperties getRedis() {
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

    public Duration getSlowClientTimeout() {
        return slowClientTimeout;
    }

    public void setSlowClientTimeout(Duration slowClientTimeout) {
        this.slowClientTimeout = slowClientTimeout;
    }

    public Duration getDrainTime() {
        return drainTime;
    }

    public void setDrainTime(Duration drainTime) {
        this.drainTime = drainTime;
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

    public DataSize getHistoryMemory() {
        return historyMemory;
    }

    public void setHistoryMemory(DataSize historyMemory) {
        this.historyMemory = historyMemory;
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

    public Integer getMaxStreamsPerClient() {
        return maxStreamsPerClient;
    }

    public void setMaxStreamsPerClient(Integer maxStreamsPerClient) {
        this.maxStreamsPerClient = maxStreamsPerClient;
    }

    public int getPublishRate() {
        return publishRate;
    }

    public void setPublishRate(int publishRate) {
        this.publishRate = publishRate;
    }

    public Integer getPublishBurst() {
        return publishBurst;
    }

    public void setPublishBurst(Integer publishBurst) {
        this.publishBurst = publishBurst;
    }

    public int getTokenPublishRate() {
        return tokenPublishRate;
    }

    public void setTokenPublishRate(int tokenPublishRate) {
        this.tokenPublishRate = tokenPublishRate;
    }

    public Integer getTokenPublishBurst() {
        return tokenPublishBurst;
    }

    public void setTokenPublishBurst(Integer tokenPublishBurst) {
        this.tokenPublishBurst = tokenPublishBurst;
    }

    public String getTrustedProxies() {
        return trustedProxies;
    }

    public void setTrustedProxies(String trustedProxies) {
        this.trustedProxies = trustedProxies;
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

    public String getJwtJwksUrl() {
        return jwtJwksUrl;
    }

    public void setJwtJwksUrl(String jwtJwksUrl) {
        this.jwtJwksUrl = jwtJwksUrl;
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
