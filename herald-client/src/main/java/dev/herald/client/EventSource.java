package dev.herald.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java {@code EventSource}: reads a server-sent event stream over the JDK's {@link HttpClient} as the WHATWG HTML
 * specification (§9.2, server-sent events) has a browser read it, and reconnects.
 *
 * <pre>{@code
 * EventSource source = EventSource.builder(URI.create("http://localhost:8080/stream?channel=sse"))
 *         .listener(myListener)
 *         .build()
 *         .start();
 * ...
 * source.close();
 * }</pre>
 *
 * <ul>
 *   <li>Every request is a GET with {@code Accept: text/event-stream}, {@code Cache-Control: no-cache}, the builder's
 *       headers, and {@code Last-Event-ID} when the last event id is not empty. HTTP/1.1; redirects are followed. An
 *       id beyond printable ASCII, which the JDK's client cannot send as a header, goes as the query parameter
 *       {@code lastEventId} (percent-encoded UTF-8) instead, which Herald reads too.</li>
 *   <li>The last event id follows the spec: an event's {@code id} field sets it when the event is dispatched (a
 *       frame holding only an id too, as Herald's first frame), an empty {@code id} resets it, an {@code id}
 *       containing NUL is ignored. It survives reconnections.</li>
 *   <li>A connection that fails or ends is retried after the {@link RetryPolicy}'s delay, whose base is the last
 *       {@code retry:} field the server sent. A 204 No Content stops the source for good; so do an HTTP status the
 *       policy does not retry and a 200 that is not {@code text/event-stream}, after they are reported to
 *       {@link EventSourceListener#onError}.</li>
 *   <li>The read timeout (default {@value #DEFAULT_READ_TIMEOUT_SECONDS} s: three of Herald's 15 s heartbeats) bounds
 *       the wait for an answer and then for each next byte; when it passes, the connection is closed and retried.</li>
 *   <li>Herald's {@value HistoryGone#TYPE} events arrive as {@link HistoryGone} through
 *       {@link EventSourceListener#onHistoryGone}.</li>
 * </ul>
 *
 * <p>Threads: the listener is called on the callback executor (by default one thread of the source's own), one call
 * at a time; the network is read by the HTTP client's threads, which belong to the source too, and a timer thread
 * runs the reconnections and read timeouts. {@link #close()} may be called from any thread, the listener's included;
 * it returns at once, and these threads end right after the last call, {@code onClosed}. (On JDK 17 the HTTP client's
 * selector thread ends only once the client is garbage, an implementation detail of the JDK.) A source's threads are
 * daemons. Thread-safe.
 */
public final class EventSource implements AutoCloseable {

    /** The default read timeout, in seconds. */
    public static final long DEFAULT_READ_TIMEOUT_SECONDS = 45;

    private static final Logger LOG = LoggerFactory.getLogger(EventSource.class);
    private static final AtomicInteger SOURCES = new AtomicInteger();

    private enum State { NEW, CONNECTING, OPEN, WAITING, CLOSED }

    private final String name;
    private final URI uri;
    private final List<String[]> headers;
    private final Duration readTimeout;
    private final SSLContext sslContext;
    private final RetryPolicy retryPolicy;
    private final EventSourceListener listener;
    private final SourceThreads threads;

    private final Object lock = new Object();
    /** Guarded by {@code lock}, as are the four fields below. */
    private State state = State.NEW;
    private HttpClient client;
    private Connection connection;
    private ScheduledFuture<?> reconnect;
    private int failuresInARow;

    /** Written by the open connection (its Flow signals come one at a time), read by the next one and by anyone. */
    private volatile String lastEventId;
    /** The server's last {@code retry:}, written like {@code lastEventId}; read when a connection ends. */
    private volatile long reconnectionTimeMillis;
    /** Set by {@link #close()}: callbacks still queued are dropped, but {@code onClosed}. */
    private volatile boolean closeRequested;

    private EventSource(Builder builder) {
        this.uri = builder.uri;
        this.headers = List.copyOf(builder.headers);
        this.readTimeout = builder.readTimeout;
        this.sslContext = builder.sslContext;
        this.retryPolicy = builder.retryPolicy;
        this.listener = builder.listener;
        this.lastEventId = builder.lastEventId;
        this.reconnectionTimeMillis = retryPolicy.initialDelay().toMillis();
        this.name = "herald-eventsource-" + SOURCES.incrementAndGet();
        this.threads = new SourceThreads(name, builder.callbackExecutor);
    }

    /** A builder for a source reading the stream at {@code uri} (absolute, {@code http} or {@code https}). */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * Opens the first connection; returns at once, and the listener hears the rest.
     *
     * @return this source
     * @throws IllegalStateException if the source was started or closed before
     */
    public EventSource start() {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("this EventSource was already started or closed; build another one "
                        + "to connect again");
            }
            HttpClient.Builder http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(readTimeout)
                    .executor(threads.http());
            if (sslContext != null) {
                http.sslContext(sslContext);
            }
            client = http.build();
            connect();
        }
        return this;
    }

    /**
     * Stops for good: closes the connection or cancels the pending reconnection. The listener gets
     * {@code onClosed} and nothing else after this. Does nothing if the source is already closed.
     */
    @Override
    public void close() {
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

    /** The last event id: what the next connection sends as {@code Last-Event-ID}; empty for none. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The address of the stream. */
    public URI uri() {
        return uri;
    }

    /** What the names of this source's threads start with: {@code herald-eventsource-<n>-}. */
    String threadNamePrefix() {
        return name + "-";
    }

    // ---- called by the connection ----

    /** The connection opened; false if it is no longer this source's. */
    boolean opened(Connection opened) {
        synchronized (lock) {
            if (opened != connection || state == State.CLOSED) {
                return false;
            }
            state = State.OPEN;
            failuresInARow = 0;
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
            deliver(l -> l.onError(error));
            boolean retried = !(error instanceof ContentTypeException)
                    && !(error instanceof HttpStatusException refused && !retryPolicy.retries(refused.status()));
            if (!retried) {
                stop();
                return;
            }
            failuresInARow++;
            Duration delay = retryPolicy.delay(reconnectionTimeMillis, failuresInARow,
                    ThreadLocalRandom.current().nextDouble());
            state = State.WAITING;
            // in milliseconds: a server's retry can be larger than a long of nanoseconds
            reconnect = threads.timer().schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
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

    private void reconnect() {
        synchronized (lock) {
            if (state == State.WAITING) {
                reconnect = null;
                connect();
            }
        }
    }

    /** Under {@code lock}. */
    private void connect() {
        String id = lastEventId;
        state = State.CONNECTING;
        connection = new Connection(this, id, readTimeout, threads.timer());
        connection.open(client, StreamRequest.of(uri, headers, readTimeout, id));
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
            LOG.warn("the callback executor of the EventSource on " + uri
                    + " refused onClosed");
        }
        client = null; // on JDK 17 the client's selector thread ends once the client is unreachable
        threads.shutdown(); // the callback thread after onClosed, which is queued
    }

    private void invoke(Consumer<EventSourceListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("the listener of the EventSource on " + uri + " threw", e);
        }
    }

    /**
     * Collects a source's settings; {@link #build()} checks them. Every setting has a default but the listener.
     */
    public static final class Builder {
        private final URI uri;
        private final List<String[]> headers = new ArrayList<>();
        private String lastEventId = "";
        private Duration readTimeout = Duration.ofSeconds(DEFAULT_READ_TIMEOUT_SECONDS);
        private SSLContext sslContext;
        private RetryPolicy retryPolicy = RetryPolicy.exponential();
        private Executor callbackExecutor;
        private EventSourceListener listener;

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("an event stream's URI is absolute, http or https, with a host; got "
                        + uri);
            }
            this.uri = uri;
        }

        /**
         * Adds a request header sent on every connection, e.g. {@code Authorization: Bearer <token>}. Headers the
         * source sets itself ({@code Accept}, {@code Cache-Control}, {@code Last-Event-ID}) and those the JDK client
         * sets ({@code Host}, {@code Connection}, ...) are refused.
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("last-event-id")) {
                throw new IllegalArgumentException("set the first Last-Event-ID with lastEventId(id); the source sends "
                        + "the header itself on every connection");
            }
            if (lower.equals("accept") || lower.equals("cache-control")) {
                throw new IllegalArgumentException("the source sends " + name + " itself");
            }
            HttpRequest.newBuilder().header(name, value); // the JDK's own checks: restricted names, bad characters
            headers.add(new String[] {name, value});
            return this;
        }

        /** The last event id of the first connection, to resume from where an earlier source stopped. */
        public Builder lastEventId(String id) {
            Objects.requireNonNull(id, "id");
            if (id.indexOf('\0') >= 0 || id.indexOf('\r') >= 0 || id.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a last event id has no NUL, CR or LF");
            }
            this.lastEventId = id;
            return this;
        }

        /**
         * How long to wait for the answer, then for each next byte of the stream, before taking the connection for
         * dead; positive. Default {@value EventSource#DEFAULT_READ_TIMEOUT_SECONDS} s; keep it above the server's
         * heartbeat interval (Herald's is 15 s) with margin.
         */
        public Builder readTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the read timeout must be positive, got " + timeout);
            }
            this.readTimeout = timeout;
            return this;
        }

        /**
         * Whom to trust over {@code https}: a context whose trust managers take the server's certificate (a private
         * authority's, or Herald's {@code --self-signed} one during development). Default: the JDK's, which trusts
         * its own store of public authorities.
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** When to reconnect; default {@link RetryPolicy#exponential()}. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Where the listener is called; the source still calls it one call at a time, in order. It is the
         * caller's to shut down, after {@code onClosed}. Default: one thread of the source's own.
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** What to tell about the stream; required. */
        public Builder listener(EventSourceListener eventListener) {
            this.listener = Objects.requireNonNull(eventListener, "listener");
            return this;
        }

        /**
         * The source, not yet connected: call {@link EventSource#start()}.
         *
         * @throws IllegalStateException without a listener
         */
        public EventSource build() {
            if (listener == null) {
                throw new IllegalStateException("an EventSource needs a listener: call listener(...) before build()");
            }
            return new EventSource(this);
        }
    }
}
