package dev.herald.spring;

import dev.herald.serve.StreamLease;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ends a stream's or a poll's {@link StreamLease} when the container reports its response over (complete, failed,
 * timed out), on a container thread. Added to the request before the lease exists, since the loop may end the
 * response first: a lease that arrives after the end is ended at once.
 */
final class LeaseEnd implements AsyncListener {


    private final AtomicReference<Object> state = new AtomicReference<>();
    private static final Object OVER = new Object();

    /** The lease to end; ends it now when the response is over already. */
    void lease(StreamLease lease) {
        if (!state.compareAndSet(null, lease)) {
            lease.end();
        }
    }

    private void over() {
        Object previous = state.getAndSet(OVER);
        if (previous instanceof StreamLease lease) {
            lease.end();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        over();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        over();
    }

    @Override
    public void onError(AsyncEvent event) {
        over();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
