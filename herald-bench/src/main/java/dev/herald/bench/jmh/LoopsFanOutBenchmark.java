package dev.herald.bench.jmh;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.HistoryPolicy;
import dev.herald.broker.memory.MemoryBroker;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.sse.SseEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Publish and fan-out on several event loops at once, in process: does a second loop add throughput, or does something
 * on the path serialise the loops? Run it with {@code -t 1} and {@code -t 2}.
 *
 * <p>Each JMH thread stands for one event loop of the server: it has its own subscribers (so the hub gives it a shard
 * of its own), publishes one event to the in-memory broker per operation, as a publish request on that loop would, and
 * then runs the tasks the hub queued for its loop (the drain that writes every queued event to its subscribers), as
 * the loop would on its next turn. A task the hub queues for another thread's loop waits for that thread. The sinks
 * only count what they are given: the cost measured is the broker's and the hub's, not a socket's.
 *
 * <ul>
 *   <li>{@code channel = own}: each thread publishes to a channel of its own, subscribed only on its loop. Nothing is
 *       shared but the broker (its one lock) and the hub's tables.</li>
 *   <li>{@code channel = shared}: every thread's subscribers are on one channel, and every thread publishes to it: each
 *       event is written by every loop to its own subscribers, as in a server whose clients of one channel are spread
 *       over its loops.</li>
 * </ul>
 *
 * <p>The score is publishes per second; {@code deliveries} counts the frames handed to subscribers per second, all
 * threads together. {@code publishAndFanOutTimed} also sums, per thread, the nanoseconds spent inside
 * {@code MemoryBroker.publish}, which holds the broker's one lock from end to end (sequence, history, listeners, and the
 * hub's listener, which encodes the frame and queues it to each loop), against those spent in the loop's tasks: its
 * {@code inPublish} and {@code inLoopTasks} counters, in nanoseconds per second, divided by 10⁹ × threads, are the
 * shares of each thread's time (with {@code -t 2}, time inside {@code publish} includes waiting for the lock).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LoopsFanOutBenchmark {

    /** Subscribers on each thread's loop. */
    @Param({"100", "1000"})
    public int subscribers;

    @Param({"own", "shared"})
    public String channel;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private MemoryBroker broker;
    private Hub hub;

    @Setup(Level.Trial)
    public void start() {
        broker = new MemoryBroker(HistoryPolicy.defaults());
        hub = new Hub(broker, new HubOptions(Duration.ofHours(1), Duration.ofSeconds(3)));
    }

    @TearDown(Level.Trial)
    public void stop() {
        hub.close();
        broker.close();
    }

    /** One thread's event loop: its task queue, taken from any thread and run only by the thread that owns it. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Loop implements Executor {
        /** Frames handed to this loop's subscribers during the iteration. */
        public long deliveries;
        /**
         * CPU time of this thread during the iteration, in nanoseconds: on a machine whose cores are busy with other
         * work, deliveries per CPU-second still tell whether a second loop costs each loop more (contention) where
         * the wall-clock rates only tell how much CPU the machine had to spare.
         */
        public long cpuNanos;
        private long cpuAtStart;

        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final List<CountingSink> sinks = new ArrayList<>();
        private long framesAtStart;
        private AdmittedEvent event;

        @Setup(Level.Trial)
        public void join(LoopsFanOutBenchmark benchmark, ThreadParams thread) {
            String name = benchmark.channel.equals("shared") ? "shared" : "loop-" + thread.getThreadIndex();
            for (int i = 0; i < benchmark.subscribers; i++) {
                CountingSink sink = new CountingSink(this);
                sinks.add(sink);
                benchmark.hub.subscribe(Set.of(name), null, sink);
            }
            runTasks(); // the streams open
            event = new AdmittedEvent(name, SseEvent.of("notify", "{\"message\":\"Hello World\"}"));
        }

        @Setup(Level.Iteration)
        public void resetCount() {
            deliveries = 0;
            cpuNanos = 0;
            framesAtStart = frames();
            cpuAtStart = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void count() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
            deliveries = frames() - framesAtStart;
        }

        /** Frames handed to this loop's subscribers so far; read on this loop's thread, the only one that writes them. */
        private long frames() {
            long frames = 0;
            for (CountingSink sink : sinks) {
                frames += sink.frames;
            }
            return frames;
        }

        @Override
        public void execute(Runnable task) {
            tasks.offer(task);
        }

        void runTasks() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }

    /** Where one thread's time went, for {@code publishAndFanOutTimed}: nanoseconds per second of run. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Split {
        /** Inside {@code MemoryBroker.publish}: holding the broker's lock, or waiting for it. */
        public long inPublish;
        /** Running the loop's tasks: writing events to this loop's subscribers. */
        public long inLoopTasks;

        @Setup(Level.Iteration)
        public void reset() {
            inPublish = 0;
            inLoopTasks = 0;
        }
    }

    @Benchmark
    public void publishAndFanOut(Loop loop) {
        broker.publish(loop.event);
        loop.runTasks();
    }

    @Benchmark
    public void publishAndFanOutTimed(Loop loop, Split split) {
        long start = System.nanoTime();
        broker.publish(loop.event);
        long published = System.nanoTime();
        loop.runTasks();
        long end = System.nanoTime();
        split.inPublish += published - start;
        split.inLoopTasks += end - published;
    }
}
