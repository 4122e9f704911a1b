package dev.herald.bench.jmh;

import dev.herald.node.Node;
import dev.herald.node.NodeStatus;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The console's status snapshot, taken once a second on every node whose console is on: the counters, a pass over
 * the hub's channels and the 50 busiest. {@code channels} channels with 1 to 7 streams each (inline sinks, no
 * sockets); the score is the time of one snapshot, on the node's timer thread in a running node.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NodeStatusBenchmark {

    @Param({"0", "1000", "10000", "100000"})
    public int channels;

    private Node node;

    @Setup(Level.Trial)
    public void open() {
        node = Node.builder().start().toCompletableFuture().join();
        for (int i = 0; i < channels; i++) {
            Set<String> channel = Set.of("orders-customer-" + i);
            for (int s = 0; s <= i % 7; s++) {
                node.hub().subscribe(channel, null, CountingSink.inline());
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        node.close();
    }

    @Benchmark
    public NodeStatus snapshot() {
        return node.status("herald-1.example.com:8080", 50);
    }
}
