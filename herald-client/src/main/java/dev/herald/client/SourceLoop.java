package dev.herald.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of an {@link EventSource}: connect (on the timer thread, after asking the header supplier), open, end, wait
 * the retry policy's delay, connect again, until closed; what each {@link Connection} reports comes back here. The
 * state and the current connection are guarded by one lock, never held while the header supplier or the listener runs.
 */
final class SourceLoop {

    private static final Logger LOG = LoggerFactory.getLogger(EventSource.class);

    private enum State { NEW, CONNECTING, OPEN, WAITING, CLOSED }

    /** A source's settings, as its builder checked them. */
    record Settings(URI uri, List<String[]> headers, Supplier<? extends Map<String, String>> headerSupplier,
                    Duration readTimeout, Duration connectTimeout, SSLContext sslContext, RetryPolicy retryPolicy,
                    EventSourceListener listener) {
    }

    private final Settings settings;
    private final SourceThreads threads;

    private final Object lock = new Object();
    /** Guarded by {@code lock}, as are the five fields below. */
    private State state = State.NEW;
    private HttpClient client;
    private Connection connection;
    private ScheduledFuture<?> reconnect;
    private int failuresInARow;
    /** When the open stream opened ({@link System#nanoTime()}), for {@link RetryPolicy#resetAfter()}. */
    private long openedAtNanos;

    /** Written by the open connection (its Flow signals come one at a time), read by the next one and by anyone. */
    private volatile String lastEventId;
    /** The server's last {@code retry:}, written like {@code lastEventId}; read when a connection ends. */
    private volatile long reconnectionTimeMillis;
    /** Set by {@link #close()}: callbacks still queued are dropped, but {@code onClosed}. */
    private volatile boolean closeRequested;

    SourceLoop(Settings settings, SourceThreads threads, String firstLastEventId) {
        this.settings = settings;
        this.threads = threads;
        this.lastEventId = firstLastEventId;
        this.reconnectionTimeMillis = settings.retryPolicy().initialDelay().toMillis();
    }

    /** See {@link EventSource#start()}. */
    void start() {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("this EventSource was already started or closed; build another one "
                        + "to connect again");
            }
            HttpClient.Builder http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(settings.connectTimeout())
                    .executor(threads.http());
            if (settings.sslContext() != null) {
                http.sslContext(settings.sslContext());
            }
            client = http.build();
            // on the timer thread, like every connection: the header supplier may block (fetch a token)
            state = State.WAITING;
            reconnect = threads.timer().schedule(this::reconnect, 0, TimeUnit.MILLISECONDS);
        }
    }

    /** See {@link EventSource#close()}. */
    void close() {
        Connection open;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            closeRequested = true;
            open = connection;
            connection = null;
            stop();
        }
        if (open != null) {
            open.cancel(); // outside the lock: the HTTP client's threads take it to report
        }
    }

    String lastEventId() {
        return lastEventId;
    }

    // ---- called by the connection ----

    /** The connection opened; false if it is no longer this source's. */
    boolean opened(Connection opened) {
        synchronized (lock) {
            if (opened != connection || state == State.CLOSED) {
                return false;
            }
            state = State.OPEN;
            openedAtNanos = System.nanoTime();
            deliver(EventSourceListener::onOpen);
            return true;
        }
    }

    /** The connection ended, with {@code error}, or with none for a 204: reconnect or stop. */
    void ended(Connection ended, EventSourceException error) {
        synchronized (lock) {
            if (ended != connection || state == State.CLOSED) {
                return;
            }
            connection = null;
            if (error == null) {
                stop();
                return;
            }
            failed(error);
        }
    }

    /** Herald ended the stream for its token: told, and retried with the supplier's headers of then. */
    void tokenExpired(Connection expired, TokenExpired event) {
        synchronized (lock) {
            if (expired != connection || state == State.CLOSED) {
                return;
            }
            connection = null;
            deliver(l -> l.onTokenExpired(event));
            retryLater();
        }
    }

    void lastEventIdIs(String id) {
        lastEventId = id;
    }

    void reconnectionTimeIs(long millis) {
        reconnectionTimeMillis = millis;
    }

    /** Calls the listener on the callback executor, unless the source was closed meanwhile. */
    void deliver(Consumer<EventSourceListener> call) {
        try {
            threads.callbacks().execute(() -> {
                if (!closeRequested) {
                    invoke(call);
                }
            });
        } catch (RejectedExecutionException closed) {
            // the source closed: nothing more is delivered
        }
    }

    // ---- inside ----

    /** Under {@code lock}: reports the error, then retries later or stops, as the retry policy says. */
    private void failed(EventSourceException error) {
        deliver(l -> l.onError(error));
        boolean retried = !(error instanceof ContentTypeException)
                && !(error instanceof HttpStatusException refused && !settings.retryPolicy().retries(refused.status()));
        if (retried) {
            retryLater();
        } else {
            stop();
        }
    }

    /**
     * Under {@code lock}: the next attempt after the policy's delay. An attempt that never opened, or a stream shorter
     * than {@link RetryPolicy#resetAfter()}, is one more failure in a row; a longer stream starts the count again.
     */
    private void retryLater() {
        RetryPolicy policy = settings.retryPolicy();
        if (state == State.OPEN && System.nanoTime() - openedAtNanos >= policy.resetAfter().toNanos()) {
            failuresInARow = 0;
        }
        failuresInARow++;
        Duration delay = policy.delay(reconnectionTimeMillis, failuresInARow, ThreadLocalRandom.current().nextDouble());
        state = State.WAITING;
        // in milliseconds: a server's retry can be larger than a long of nanoseconds
        reconnect = threads.timer().schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** On the timer thread: asks the header supplier outside the lock (it may block), then connects. */
    private void reconnect() {
        synchronized (lock) {
            if (state != State.WAITING) {
                return;
            }
            reconnect = null;
            state = State.CONNECTING;
        }
        List<String[]> headers = null;
        EventSourceException refused = null;
        try {
            headers = withSupplied();
        } catch (RuntimeException e) {
            refused = new ConnectionException("the header supplier gave no headers that can be sent: " + e, e);
        }
        synchronized (lock) {
            if (state != State.CONNECTING) {
                return; // closed meanwhile
            }
            if (refused != null) {
                failed(refused);
                return;
            }
            String id = lastEventId;
            connection = new Connection(this, id, settings.readTimeout(), settings.connectTimeout(), threads.timer());
            connection.open(client, StreamRequest.of(settings.uri(), headers, settings.readTimeout(), id));
        }
    }

    /** The builder's headers, then the supplier's of now, each checked as the builder checks its own. */
    private List<String[]> withSupplied() {
        if (settings.headerSupplier() == null) {
            return settings.headers();
        }
        Map<String, String> supplied = settings.headerSupplier().get();
        List<String[]> all = new ArrayList<>(settings.headers());
        if (supplied != null) {
            supplied.forEach((name, value) -> {
                StreamRequest.check(name, value);
                all.add(new String[] {name, value});
            });
        }
        return all;
    }

    /**
     * Under {@code lock}, with no connection left open: closes for good, the last call {@code onClosed}, then the
     * threads end.
     */
    private void stop() {
        state = State.CLOSED;
        if (reconnect != null) {
            reconnect.cancel(false);
            reconnect = null;
        }
        try {
            threads.callbacks().execute(() -> invoke(EventSourceListener::onClosed));
        } catch (RejectedExecutionException rejected) {
            LOG.warn("the callback executor of the EventSource on " + settings.uri() + " refused onClosed");
        }
        client = null; // on JDK 17 the client's selector thread ends once the client is unreachable
        threads.shutdown(); // the callback thread after onClosed, which is queued
    }

    private void invoke(Consumer<EventSourceListener> call) {
        try {
            call.accept(settings.listener());
        } catch (RuntimeException e) {
            LOG.warn("the listener of the EventSource on " + settings.uri() + " threw", e);
        }
    }
}
