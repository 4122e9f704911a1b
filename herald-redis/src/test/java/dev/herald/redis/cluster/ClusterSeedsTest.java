package dev.herald.redis.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.HistoryPolicy;
import dev.herald.options.InvalidOptionException;
import dev.herald.redis.BrokerOptions;
import io.vertx.redis.client.RedisClientType;
import org.junit.jupiter.api.Test;

class ClusterSeedsTest {

    @Test
    void hostsAndPortsBecomeRedisUrls() {
        ClusterSeeds seeds = ClusterSeeds.parse("10.0.0.1:7000, 10.0.0.2:7001,");

        assertThat(seeds.urls()).containsExactly("redis://10.0.0.1:7000", "redis://10.0.0.2:7001");
        assertThat(seeds.options().getType()).isEqualTo(RedisClientType.CLUSTER);
        assertThat(seeds.options().getEndpoints()).containsExactly("redis://10.0.0.1:7000", "redis://10.0.0.2:7001");
    }

    @Test
    void aUrlsSchemeAndPasswordApplyToEverySeed() {
        ClusterSeeds seeds = ClusterSeeds.parse("rediss://:s3cret@10.0.0.1:7000,10.0.0.2:7000");

        assertThat(seeds.urls()).containsExactly("rediss://:s3cret@10.0.0.1:7000", "rediss://:s3cret@10.0.0.2:7000");
        assertThat(seeds.forDisplay()).isEqualTo("rediss://10.0.0.1:7000,rediss://10.0.0.2:7000");
    }

    @Test
    void seedUrlsThatDisagreeOnTheirCredentialsAreRefused() {
        assertThatThrownBy(() -> ClusterSeeds.parse("redis://:a@h1:7000,redis://:b@h2:7000"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("same scheme and credentials");
    }

    @Test
    void aSeedWithoutAPortOrOfAnotherFormIsRefusedWithoutItsPassword() {
        assertThatThrownBy(() -> ClusterSeeds.parse("10.0.0.1"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("host:port or redis://");
        assertThatThrownBy(() -> ClusterSeeds.parse("http://:pw@10.0.0.1:7000"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> ClusterSeeds.parse(" , "))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("at least one seed");
    }

    @Test
    void aDatabaseOtherThanZeroIsRefused() {
        assertThat(ClusterSeeds.parse("redis://h:7000/0").urls()).containsExactly("redis://h:7000");
        assertThatThrownBy(() -> ClusterSeeds.parse("redis://h:7000/3"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("database 0 only");
    }

    @Test
    void theBrokerOptionsTakeSeedsOrAUrlNotBoth() {
        HistoryPolicy history = HistoryPolicy.defaults();

        assertThat(BrokerOptions.of(null, "h:7000", "pubsub", history))
                .isInstanceOf(BrokerOptions.RedisClusterPubSub.class)
                .satisfies(options -> assertThat(options.describe())
                        .isEqualTo("Redis Cluster sharded Pub/Sub at redis://h:7000"));
        assertThat(BrokerOptions.of("redis://h:6379", "", "pubsub", history)).isInstanceOf(BrokerOptions.RedisPubSub.class);
        assertThatThrownBy(() -> BrokerOptions.of("redis://h:6379", "h:7000", "pubsub", history))
                .isInstanceOf(InvalidOptionException.class)
                .satisfies(error -> assertThat(((InvalidOptionException) error).option()).isEqualTo("redis-cluster"))
                .hasMessageContaining("not both");
        assertThat(BrokerOptions.of(null, "h:7000", "streams", history))
                .isInstanceOf(BrokerOptions.RedisClusterStreams.class)
                .satisfies(options -> assertThat(options.describe()).isEqualTo("Redis Cluster Streams at redis://h:7000"))
                .satisfies(options -> assertThat(options.kind()).isEqualTo("redis-cluster-streams"));
    }
}
