package dev.herald.spring;

import dev.herald.limits.Limits;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives an admitted stream's count back to the {@link Limits}, once, when the container reports its response over:
 * complete (the hub ended it, or the client left and a write failed), failed or timed out. Called on container threads.
 */
final class StreamCount implements AsyncListener {

    private final Limits limits;
    private final String address;
    private final AtomicBoolean counted = new AtomicBoolean(true);

    StreamCount(Limits limits, String address) {
        this.limits = limits;
        this.address = address;
    }

    private void release() {
        if (counted.compareAndSet(true, false)) {
            limits.streamClosed(address);
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        release();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        release();
    }

    @Override
    public void onError(AsyncEvent event) {
        release();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
