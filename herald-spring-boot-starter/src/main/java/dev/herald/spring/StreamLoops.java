package dev.herald.spring;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-threaded loops that own the streams: each stream is given to one, round robin, and everything the hub
 * and the servlet container do to that stream runs there. A servlet container has no event loops of its own (its
 * threads serve requests and callbacks from a pool), so the starter brings these: plain threads, one per processor
 * by default, and no Vert.x unless the broker is on Redis.
 */
final class StreamLoops implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamLoops.class);

    private final List<Loop> loops;
    private final AtomicInteger next = new AtomicInteger();

    StreamLoops(int count) {
        this.loops = IntStream.range(0, count).mapToObj(Loop::new).toList();
    }

    /** The loop for a new stream. */
    Executor next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    @Override
    public void close() {
        loops.forEach(loop -> loop.executor.shutdown());
    }

    /** One thread; a task never kills it, and a task given after close is dropped (the container's late callbacks). */
    private static final class Loop implements Executor {

        private final ExecutorService executor;

        Loop(int index) {
            this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    runnable -> {
                        Thread thread = new Thread(runnable, "herald-loop-" + index);
                        thread.setDaemon(true);
                        return thread;
                    },
                    new ThreadPoolExecutor.DiscardPolicy());
        }

        @Override
        public void execute(Runnable task) {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // Kept on this thread: the hub keys a loop's streams by its thread, which must not be replaced.
                    LOG.error("a task of a Herald loop failed", e);
                }
            });
        }
    }
}
