package dev.herald.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster fixture is a real Redis Cluster: keys spread over its masters, and a killed master is replaced. */
class RedisClusterProcessIT {

    private static RedisClusterProcess cluster;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        cluster = RedisClusterProcess.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        cluster.close();
    }

    @Test
    void threeMastersEachWithAReplicaCoverEverySlot() {
        List<RedisClusterProcess.Node> masters = cluster.masters();
        assertThat(masters).hasSize(3);
        assertThat(cluster.seeds()).hasSize(6);
        masters.forEach(master -> assertThat(cluster.replicasOf(master)).hasSize(1));
    }

    @Test
    void theSlotOfAKeyIsTheOneRedisComputes() {
        for (String key : List.of("orders", "user:42", "{user:42}.inbox", "a{}b", "notifications")) {
            assertThat(cluster.command(cluster.masters().get(0), "CLUSTER", "KEYSLOT", key).trim())
                    .as(key).isEqualTo(Integer.toString(ClusterSlots.slot(key)));
        }
    }

    @Test
    void aKeySetOnItsMasterIsReadThroughTheClusterFromAnotherSeed() throws Exception {
        for (RedisClusterProcess.Node master : cluster.masters()) {
            String key = cluster.nameOn(master, "fixture-key-");
            assertThat(cluster.command(master, "SET", key, "on " + master.port()).trim()).isEqualTo("OK");
            RedisClusterProcess.Node otherSeed = cluster.masters().stream().filter(node -> node != master)
                    .findFirst().orElseThrow();

            Redis client = Redis.createClient(vertx, new RedisOptions().setType(RedisClientType.CLUSTER)
                    .addConnectionString("redis://" + otherSeed.address()));
            try {
                Response value = client.send(Request.cmd(Command.GET).arg(key))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(value.toString()).isEqualTo("on " + master.port());
            } finally {
                client.close();
            }
        }
    }

    @Test
    void aKilledMastersReplicaTakesOverItsSlots() {
        try (RedisClusterProcess own = RedisClusterProcess.start()) {
            RedisClusterProcess.Node master = own.masters().get(1);
            RedisClusterProcess.Node replica = own.replicasOf(master).get(0);
            String key = own.nameOn(master, "moved-");

            own.kill(master);
            RedisClusterProcess.Node promoted = own.awaitPromotion(master, Duration.ofSeconds(30));

            assertThat(promoted).isSameAs(replica);
            assertThat(master.alive()).isFalse();
            assertThat(own.masterOf(key)).isSameAs(replica);
            assertThat(own.masters()).hasSize(3).doesNotContain(master);
        }
    }

    @Test
    void oneMasterHoldsEverySlotForABenchmarkOfOneShard() {
        try (RedisClusterProcess single = RedisClusterProcess.start(1, 0)) {
            assertThat(single.masters()).hasSize(1);
            assertThat(single.masterOfSlot(0)).isSameAs(single.masterOfSlot(RedisClusterProcess.SLOTS - 1));
        }
    }
}
