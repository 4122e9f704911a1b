package dev.herald.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A stand-in for an event loop: one thread, which owns the sinks created on it. */
final class Loop implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final ExecutorService executor;
    private final Queue<Runnable> nextTurn = new ConcurrentLinkedQueue<>();
    private volatile boolean holdTurns;
    private volatile Thread thread;

    Loop(String name) {
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread created = new Thread(runnable, name);
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    Executor executor() {
        return executor;
    }

    /**
     * The loop's {@link SseSink#afterInput()}: its executor, or, after {@link #holdTurns()}, a queue that the test
     * empties with {@link #turn()}, standing in for the turns of I/O of an event loop.
     */
    Executor afterInput() {
        return task -> {
            if (holdTurns) {
                nextTurn.add(task);
            } else {
                executor.execute(task);
            }
        };
    }

    /** From now on, tasks for after the loop's input wait for {@link #turn()}. */
    void holdTurns() {
        holdTurns = true;
    }

    /**
     * Runs on the loop the tasks that waited for this turn, not those they hold for the next one; returns how many
     * there were.
     */
    int turn() {
        return call(() -> {
            List<Runnable> due = new ArrayList<>();
            for (Runnable task = nextTurn.poll(); task != null; task = nextTurn.poll()) {
                due.add(task);
            }
            due.forEach(Runnable::run);
            return due.size();
        });
    }

    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs a task on the loop and waits for its result. */
    <T> T call(Callable<T> task) {
        try {
            return executor.submit(task).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("the loop did not run the task in " + PATIENCE, e);
        }
    }

    void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
