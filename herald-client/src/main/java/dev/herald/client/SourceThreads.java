package dev.herald.client;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The threads of one {@link EventSource}, all daemons named after it: where its listener is called (one thread of its
 * own, or the caller's executor taken one call at a time), the HTTP client's, and a timer for reconnections and read
 * timeouts. Its fields are final and the executors thread-safe.
 */
final class SourceThreads {

    private final Executor callbacks;
    private final ExecutorService ownCallbackThread;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService http;

    /**
     * @param name             what the threads' names start with
     * @param callbackExecutor the caller's executor for the listener, or null for a thread of the source's own
     */
    SourceThreads(String name, Executor callbackExecutor) {
        if (callbackExecutor == null) {
            this.ownCallbackThread = Executors.newSingleThreadExecutor(daemons(name + "-callbacks"));
            this.callbacks = ownCallbackThread;
        } else {
            this.ownCallbackThread = null;
            this.callbacks = new SerialExecutor(callbackExecutor);
        }
        this.timer = new ScheduledThreadPoolExecutor(1, daemons(name + "-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.http = Executors.newCachedThreadPool(daemons(name + "-http"));
    }

    /** Where the listener is called, one call at a time, in order. */
    Executor callbacks() {
        return callbacks;
    }

    /** Runs the reconnections and the read timeouts. */
    ScheduledExecutorService timer() {
        return timer;
    }

    /** The HTTP client's executor. */
    ExecutorService http() {
        return http;
    }

    /**
     * Ends the threads: the timer at once, the HTTP client's once idle, the callback thread of the source's own after
     * the calls already queued (a caller's executor stays the caller's to shut down).
     */
    void shutdown() {
        timer.shutdownNow();
        http.shutdown();
        if (ownCallbackThread != null) {
            ownCallbackThread.shutdown();
        }
    }

    private static ThreadFactory daemons(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
