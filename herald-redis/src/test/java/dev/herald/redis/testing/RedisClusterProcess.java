package dev.herald.redis.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * A private Redis Cluster for one test: {@code masters} masters, each with {@code replicasPerMaster} replicas, every
 * node a {@code redis-server} from the PATH (the one {@link RedisServerProcess} prefers; a cluster needs Redis 7 and
 * {@code redis-cli} beside it) on a free loopback port, in its own temporary directory, without persistence and with a
 * {@code cluster-node-timeout} of 1000 ms so that a killed master's replica is promoted within a few seconds (and
 * {@code cluster-replica-validity-factor 0}: a replica always tries, however long its link was down).
 *
 * <p>Three masters or more are joined by {@code redis-cli --cluster create}; fewer (which that command refuses) by
 * {@code CLUSTER ADDSLOTSRANGE}, {@code CLUSTER MEET} and {@code CLUSTER REPLICATE}, for benchmarks of one shard.
 * {@link #start} returns once every node reports {@code cluster_state:ok} with all 16384 slots covered. Waits poll
 * {@code CLUSTER INFO} and {@code CLUSTER NODES} through Awaitility, bounded in time.
 *
 * <p>{@link #close} kills every node and deletes the directories, however the test ended.
 */
public final class RedisClusterProcess implements AutoCloseable {

    /** Slots of a Redis Cluster. */
    public static final int SLOTS = 16384;
    private static final int NODE_TIMEOUT_MILLIS = 1000;
    private static final Duration FORMING = Duration.ofSeconds(30);

    /** One {@code redis-server} of the cluster. */
    public static final class Node {
        private final int port;
        private final Path dir;
        private Process process;

        private Node(int port, Path dir) {
            this.port = port;
            this.dir = dir;
        }

        public int port() {
            return port;
        }

        /** {@code 127.0.0.1:<port>}. */
        public String address() {
            return "127.0.0.1:" + port;
        }

        /** Whether the process is running (not killed). */
        public boolean alive() {
            return process != null && process.isAlive();
        }

        /** The operating system's process id, for reading its CPU time. */
        public long pid() {
            return process.pid();
        }

        @Override
        public String toString() {
            return address();
        }
    }

    private final Path redisServer;
    private final Path redisCli;
    private final Path root;
    private final List<Node> nodes = new ArrayList<>();

    private RedisClusterProcess(Path redisServer, Path root) {
        this.redisServer = redisServer;
        this.redisCli = redisServer.resolveSibling("redis-cli");
        this.root = root;
    }

    /** Three masters and three replicas. */
    public static RedisClusterProcess start() {
        return start(3, 1);
    }

    /** {@code masters} masters and {@code replicasPerMaster} replicas of each, formed and every slot covered. */
    public static RedisClusterProcess start(int masters, int replicasPerMaster) {
        if (masters < 1 || replicasPerMaster < 0) {
            throw new IllegalArgumentException("a cluster needs at least one master and no negative replica count");
        }
        Path server = RedisServerProcess.binaryOnPath().orElseThrow(() -> new IllegalStateException(
                "a Redis Cluster test needs redis-server (7 or later) and redis-cli on the PATH"));
        RedisClusterProcess cluster;
        try {
            cluster = new RedisClusterProcess(server, Files.createTempDirectory("herald-redis-cluster"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the cluster's directory", e);
        }
        try {
            for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
                cluster.nodes.add(cluster.launch());
            }
            cluster.form(masters, replicasPerMaster);
            cluster.awaitHealthy(FORMING);
            cluster.awaitReplicasInSync();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node's address, {@code host:port}: the seeds a client may start from. */
    public List<String> seeds() {
        return nodes.stream().filter(Node::alive).map(Node::address).toList();
    }

    /** The seeds as the {@code --redis-cluster} option takes them, comma-separated. */
    public String seedList() {
        return String.join(",", seeds());
    }

    /** Every node, killed ones too. */
    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** The nodes that are masters now (as a live node sees it), in slot order. */
    public List<Node> masters() {
        return topology().stream()
                .filter(line -> line.master() && !line.slots().isEmpty())
                .sorted(Comparator.comparingInt(line -> line.slots().get(0)[0]))
                .map(line -> node(line.port()))
                .toList();
    }

    /** The master that owns a slot now. */
    public Node masterOfSlot(int slot) {
        return ownerOf(slot).orElseThrow(() -> new IllegalStateException("no master owns slot " + slot));
    }

    private Optional<Node> ownerOf(int slot) {
        return topology().stream()
                .filter(line -> line.master() && line.owns(slot))
                .map(line -> node(line.port()))
                .findFirst();
    }

    /** The master that owns a key (or a channel of sharded Pub/Sub) now. */
    public Node masterOf(String key) {
        return masterOfSlot(ClusterSlots.slot(key));
    }

    /** A name starting with {@code prefix} whose slot {@code master} owns: a channel that lives on that shard. */
    public String nameOn(Node master, String prefix) {
        List<ClusterTopology.Line> lines = topology();
        ClusterTopology.Line owner = lines.stream().filter(line -> line.port() == master.port()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(master + " is not in the cluster"));
        for (int i = 0; i < 100_000; i++) {
            String name = prefix + i;
            if (owner.owns(ClusterSlots.slot(name))) {
                return name;
            }
        }
        throw new IllegalStateException(master + " owns no slot");
    }

    /** The replicas of a master, as a live node sees them now. */
    public List<Node> replicasOf(Node master) {
        String masterId = topology().stream().filter(line -> line.port() == master.port())
                .map(ClusterTopology.Line::id).findFirst().orElseThrow();
        return topology().stream().filter(line -> masterId.equals(line.masterId()))
                .map(line -> node(line.port())).toList();
    }

    /** Kills a node with SIGKILL, as a crash would: no goodbye to its peers or clients. */
    public void kill(Node node) {
        if (node.process != null) {
            node.process.destroyForcibly();
            try {
                node.process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until a replica of a killed master is a master owning the killed master's slots and every live node
     * reports the cluster healthy again; returns the promoted node.
     */
    public Node awaitPromotion(Node killed, Duration within) {
        int slot = topology().stream().filter(line -> line.port() == killed.port() && !line.slots().isEmpty())
                .map(line -> line.slots().get(0)[0]).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(killed + " owned no slot"));
        return polled("a replica of " + killed + " to take over", within).until(() -> {
            Node owner = ownerOf(slot).orElse(killed);
            return owner != killed && owner.alive() && healthy() ? owner : null;
        }, Objects::nonNull);
    }

    /**
     * Moves a slot that holds no key to another master, as a resharding does ({@code CLUSTER SETSLOT} importing,
     * migrating, then the new owner on every master), and waits until the cluster is healthy again. Redis tells the
     * subscribers of the slot's shard channels on the old owner with a {@code sunsubscribe} push.
     */
    public void moveSlot(int slot, Node to) {
        Node from = masterOfSlot(slot);
        String toId = cli(to, "CLUSTER", "MYID").trim();
        String fromId = cli(from, "CLUSTER", "MYID").trim();
        cli(to, "CLUSTER", "SETSLOT", Integer.toString(slot), "IMPORTING", fromId);
        cli(from, "CLUSTER", "SETSLOT", Integer.toString(slot), "MIGRATING", toId);
        cli(to, "CLUSTER", "SETSLOT", Integer.toString(slot), "NODE", toId);
        cli(from, "CLUSTER", "SETSLOT", Integer.toString(slot), "NODE", toId);
        for (Node master : masters()) {
            if (master != to && master != from) {
                cli(master, "CLUSTER", "SETSLOT", Integer.toString(slot), "NODE", toId);
            }
        }
        polled("slot " + slot + " to be owned by " + to, FORMING).until(() -> nodes.stream().filter(Node::alive)
                .allMatch(node -> ClusterTopology.parse(cli(node, "CLUSTER", "NODES")).stream()
                        .anyMatch(line -> line.port() == to.port() && line.owns(slot))));
        awaitHealthy(FORMING);
    }

    /** Waits until every live node reports {@code cluster_state:ok} with every slot covered. */
    public void awaitHealthy(Duration within) {
        polled("the cluster to report cluster_state:ok with every slot covered", within).until(this::healthy);
    }

    /** Waits until every replica's link to its master is up: a replica that never synced would not take over. */
    private void awaitReplicasInSync() {
        polled("every replica to sync with its master", FORMING).until(() -> nodes.stream()
                .map(node -> cli(node, "INFO", "replication"))
                .filter(info -> info.contains("role:slave"))
                .allMatch(info -> info.contains("master_link_status:up")));
    }

    /** A command on one node through {@code redis-cli}, its raw reply. */
    public String command(Node node, String... args) {
        return cli(node, args);
    }

    @Override
    public void close() {
        nodes.forEach(this::kill);
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private boolean healthy() {
        for (Node node : nodes) {
            if (!node.alive()) {
                continue;
            }
            String info = cli(node, "CLUSTER", "INFO");
            if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:" + SLOTS)) {
                return false;
            }
        }
        return true;
    }

    private List<ClusterTopology.Line> topology() {
        return ClusterTopology.parse(cli(liveNode(), "CLUSTER", "NODES"));
    }

    private Node liveNode() {
        return nodes.stream().filter(Node::alive).findFirst()
                .orElseThrow(() -> new IllegalStateException("every node of the cluster is down"));
    }

    private Node node(int port) {
        return nodes.stream().filter(node -> node.port == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node on port " + port));
    }

    private Node launch() {
        int port = RedisServerProcess.freePort();
        Path dir = root.resolve(Integer.toString(port));
        Node node = new Node(port, dir);
        try {
            Files.createDirectories(dir);
            node.process = new ProcessBuilder(List.of(redisServer.toString(),
                    "--port", Integer.toString(port), "--bind", "127.0.0.1", "--protected-mode", "yes",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
                    "--cluster-replica-validity-factor", "0",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--logfile", dir.resolve("redis.log").toString()))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + redisServer, e);
        }
        awaitAnswering(node);
        return node;
    }

    private void awaitAnswering(Node node) {
        polled("redis-server on port " + node.port + " to answer", Duration.ofSeconds(20)).until(() -> {
            if (!node.alive()) {
                throw new IllegalStateException("redis-server on port " + node.port + " exited; see "
                        + node.dir.resolve("redis.log"));
            }
            return tryCli(node, "PING").contains("PONG");
        });
    }

    private void form(int masters, int replicasPerMaster) {
        if (masters >= 3) {
            List<String> create = new ArrayList<>(List.of(redisCli.toString(), "--cluster", "create"));
            nodes.forEach(node -> create.add(node.address()));
            create.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerMaster), "--cluster-yes"));
            String output = run(create);
            if (!output.contains("[OK] All 16384 slots covered")) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
            }
            return;
        }
        for (int m = 0; m < masters; m++) {
            int first = m * SLOTS / masters;
            int last = (m + 1) * SLOTS / masters - 1;
            cli(nodes.get(m), "CLUSTER", "ADDSLOTSRANGE", Integer.toString(first), Integer.toString(last));
        }
        for (Node node : nodes.subList(1, nodes.size())) {
            cli(node, "CLUSTER", "MEET", "127.0.0.1", Integer.toString(nodes.get(0).port));
        }
        awaitKnown(nodes.size());
        for (int r = masters; r < nodes.size(); r++) {
            Node master = nodes.get((r - masters) % masters);
            String masterId = cli(master, "CLUSTER", "MYID").trim();
            cli(nodes.get(r), "CLUSTER", "REPLICATE", masterId);
        }
    }

    private void awaitKnown(int count) {
        polled("the nodes to meet", FORMING).until(() -> nodes.stream()
                .allMatch(node -> ClusterTopology.parse(cli(node, "CLUSTER", "NODES")).size() == count));
    }

    private String cli(Node node, String... args) {
        List<String> command = new ArrayList<>(List.of(redisCli.toString(), "-h", "127.0.0.1",
                "-p", Integer.toString(node.port)));
        command.addAll(List.of(args));
        return run(command);
    }

    /** A command that may find the node not listening yet: its output, or an empty text. */
    private String tryCli(Node node, String... args) {
        try {
            return cli(node, args);
        } catch (IllegalStateException e) {
            return "";
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + process.exitValue() + ": "
                        + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** A bounded wait that re-reads the cluster's state every 50 ms (Awaitility: no sleep synchronises). */
    private static ConditionFactory polled(String what, Duration within) {
        return Awaitility.await(what).atMost(within).pollInterval(Duration.ofMillis(50)).pollInSameThread();
    }
}
