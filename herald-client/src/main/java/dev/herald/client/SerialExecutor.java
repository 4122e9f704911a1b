package dev.herald.client;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in the order given, on an executor that may run them in parallel: a listener given its
 * own executor still gets its calls in order and never two at once.
 */
final class SerialExecutor implements Executor {

    private final Executor executor;
    /** Guarded by itself. */
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    /** Guarded by {@code tasks}: a drain is submitted or running. */
    private boolean draining;

    SerialExecutor(Executor executor) {
        this.executor = executor;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RuntimeException rejected) {
            synchronized (tasks) {
                tasks.clear();
                draining = false;
            }
            throw rejected;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
    }
}
