package dev.herald.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

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
 *       headers and those its header supplier gives for that connection (a token that was refreshed meanwhile), and
 *       {@code Last-Event-ID} when the last event id is not empty. HTTP/1.1; redirects are followed. An
 *       id beyond printable ASCII, which the JDK's client cannot send as a header, goes as the query parameter
 *       {@code lastEventId} (percent-encoded UTF-8) instead, which Herald reads too.</li>
 *   <li>The last event id follows the spec: an event's {@code id} field sets it when the event is dispatched (a
 *       frame holding only an id too, as Herald's first frame), an empty {@code id} resets it, an {@code id}
 *       containing NUL is ignored. It survives reconnections.</li>
 *   <li>A connection that fails or ends is retried after the {@link RetryPolicy}'s delay, whose base is the last
 *       {@code retry:} field the server sent; the delay grows with each failure in a row, and a stream counts as one
 *       unless it stayed open {@link RetryPolicy#resetAfter()}. A 204 No Content stops the source for good; so do an
 *       HTTP status the policy does not retry and a 200 that is not {@code text/event-stream}, after they are
 *       reported to {@link EventSourceListener#onError}.</li>
 *   <li>The connect timeout (default {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s) bounds the wait for the TCP
 *       connection; the read timeout (default {@value #DEFAULT_READ_TIMEOUT_SECONDS} s: three of Herald's 15 s
 *       heartbeats) the wait for an answer and then for each next byte. When either passes, the attempt is reported
 *       and retried.</li>
 *   <li>Herald's {@value HistoryGone#TYPE} events arrive as {@link HistoryGone} through
 *       {@link EventSourceListener#onHistoryGone}; its {@value TokenExpired#TYPE}, which ends a private stream, as
 *       {@link TokenExpired} through {@link EventSourceListener#onTokenExpired}, and the source reconnects.</li>
 * </ul>
 *
 * <p>Threads: the listener is called on the callback executor (by default one thread of the source's own), one call
 * at a time; the network is read by the HTTP client's threads, which belong to the source too, and a timer thread
 * runs the connections (the header supplier with them) and the read timeouts. {@link #close()} may be called from any
 * thread, the listener's included; it returns at once, and these threads end right after the last call,
 * {@code onClosed}. (On JDK 17 the HTTP client's
 * selector thread ends only once the client is garbage, an implementation detail of the JDK.) A source's threads are
 * daemons. Thread-safe.
 */
public final class EventSource implements AutoCloseable {

    /** The default read timeout, in seconds. */
    public static final long DEFAULT_READ_TIMEOUT_SECONDS = 45;
    /** The default connect timeout, in seconds. */
    public static final long DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

    private static final AtomicInteger SOURCES = new AtomicInteger();

    private final String name;
    private final URI uri;
    private final SourceLoop loop;

    private EventSource(Builder builder) {
        this.uri = builder.uri;
        this.name = "herald-eventsource-" + SOURCES.incrementAndGet();
        this.loop = new SourceLoop(new SourceLoop.Settings(uri, List.copyOf(builder.headers), builder.headerSupplier,
                builder.readTimeout, builder.connectTimeout, builder.sslContext, builder.retryPolicy, builder.listener),
                new SourceThreads(name, builder.callbackExecutor), builder.lastEventId);
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
        loop.start();
        return this;
    }

    /**
     * Stops for good: closes the connection or cancels the pending reconnection. The listener gets
     * {@code onClosed} and nothing else after this. Does nothing if the source is already closed.
     */
    @Override
    public void close() {
        loop.close();
    }

    /** The last event id: what the next connection sends as {@code Last-Event-ID}; empty for none. */
    public String lastEventId() {
        return loop.lastEventId();
    }

    /** The address of the stream. */
    public URI uri() {
        return uri;
    }

    /** What the names of this source's threads start with: {@code herald-eventsource-<n>-}. */
    String threadNamePrefix() {
        return name + "-";
    }

    /**
     * Collects a source's settings; {@link #build()} checks them. Every setting has a default but the listener.
     */
    public static final class Builder {
        private final URI uri;
        private final List<String[]> headers = new ArrayList<>();
        private Supplier<? extends Map<String, String>> headerSupplier;
        private String lastEventId = "";
        private Duration readTimeout = Duration.ofSeconds(DEFAULT_READ_TIMEOUT_SECONDS);
        private Duration connectTimeout = Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS);
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
            StreamRequest.check(name, value);
            headers.add(new String[] {name, value});
            return this;
        }

        /**
         * Headers asked for again before every connection, sent after those of {@link #header}: a token that is
         * refreshed reaches the next connection, the one after Herald's {@value TokenExpired#TYPE} included. Called on
         * the source's timer thread, never under a lock of the source; it may block (to fetch a token), and the
         * connection waits. The same headers are refused as by {@link #header}; a supplier that throws, or gives such
         * a header, fails that attempt with a {@link ConnectionException}, which is retried. Null or empty: none.
         */
        public Builder headers(Supplier<? extends Map<String, String>> supplier) {
            this.headerSupplier = Objects.requireNonNull(supplier, "supplier");
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
         * How long to wait for the connection to be made (the JDK client's connect timeout); positive. Default {@value EventSource#DEFAULT_CONNECT_TIMEOUT_SECONDS} s. An attempt
         * that times out is reported as a {@link ConnectionException} and retried.
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the connect timeout must be positive, got " + timeout);
            }
            this.connectTimeout = timeout;
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
