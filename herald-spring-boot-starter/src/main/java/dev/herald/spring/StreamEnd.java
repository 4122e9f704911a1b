package dev.herald.spring;

import dev.herald.limits.Limits;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What an admitted stream gives back, once, when the container reports its response over (complete, because the hub
 * or the token's expiry ended it or the client left and a write failed; failed; timed out): its count in the
 * {@link Limits}, and its expiry timer, if it has one. Called on container threads.
 */
final class StreamEnd implements AsyncListener {

    private final Limits limits;
    private final String address;
    private final AtomicBoolean counted = new AtomicBoolean(true);
    private volatile Future<?> expiry;

    StreamEnd(Limits limits, String address) {
        this.limits = limits;
        this.address = address;
    }

    /** The timer that ends the stream when its token expires; cancelled when the stream ends first. */
    void expiresWith(Future<?> timer) {
        this.expiry = timer;
        if (!counted.get()) {
            timer.cancel(false); // ended already
        }
    }

    private void release() {
        if (counted.compareAndSet(true, false)) {
            limits.streamClosed(address);
            Future<?> timer = expiry;
            if (timer != null) {
                timer.cancel(false);
            }
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
