package dev.herald.client;

import dev.herald.sse.ParsedEvent;
import dev.herald.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One HTTP exchange of an {@link EventSource} (its {@link SourceLoop}): checks the answer, feeds the body to a fresh {@link SseParser}, watches
 * the read timeout, and tells its source once, and only once, how it ended.
 *
 * <p>The body arrives as the JDK client's Flow signals, one at a time (the parser is confined to them); the read
 * timeout is checked on the source's timer. {@link #ended} decides which of the two, or a {@link #cancel()} by the
 * source, gets to end the connection: whatever comes after it is dropped.
 */
final class Connection implements HttpResponse.BodyHandler<Void> {

    private static final String EVENT_STREAM = "text/event-stream";
    /** How much of an error answer's body is read, for its exception's message. */
    static final int ERROR_BODY_LIMIT = 1024;

    private final SourceLoop source;
    private final String sentLastEventId;
    private final Duration readTimeout;
    private final Duration connectTimeout;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile CompletableFuture<HttpResponse<Void>> exchange;
    private volatile Flow.Subscription subscription;
    private volatile long lastReadNanos;
    /** What the read timeout reports: a {@link ReadTimeoutException}, or the status of an error answer being read. */
    private volatile Supplier<EventSourceException> quietError;

    Connection(SourceLoop source, String sentLastEventId, Duration readTimeout, Duration connectTimeout,
               ScheduledExecutorService timer) {
        this.source = source;
        this.sentLastEventId = sentLastEventId;
        this.readTimeout = readTimeout;
        this.connectTimeout = connectTimeout;
        this.timer = timer;
        this.quietError = () -> new ReadTimeoutException(readTimeout);
    }

    void open(HttpClient client, HttpRequest request) {
        CompletableFuture<HttpResponse<Void>> started = client.sendAsync(request, this);
        exchange = started;
        started.whenComplete((response, failure) -> {
            EventSourceException error = failure == null ? null : failureOf(request, failure);
            if (error != null) {
                end(error, false);
            }
        });
    }

    /** Ends the connection on the source's behalf (it closes): nothing more is reported. */
    void cancel() {
        if (ended.compareAndSet(false, true)) {
            cancelTransport();
        }
    }

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
        int status = info.statusCode();
        if (status == 204) {
            end(null, false); // the spec's way for a server to say "stop reconnecting"
            return new Cancelling();
        }
        if (status != 200) {
            return new ErrorBody(status);
        }
        String contentType = info.headers().firstValue("Content-Type").orElse(null);
        if (!isEventStream(contentType)) {
            end(new ContentTypeException(contentType), false);
            return new Cancelling();
        }
        if (ended.get() || !source.opened(this)) {
            return new Cancelling();
        }
        return new Stream();
    }

    /** Ends once: the first caller reports, the others are ignored. {@code error} null means a 204. */
    private void end(EventSourceException error, boolean cancelTransport) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (cancelTransport) {
            cancelTransport();
        }
        source.ended(this, error);
    }

    private void cancelTransport() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        } else if (exchange != null) {
            exchange.cancel(true);
        }
    }

    private void checkReadTimeout() {
        if (ended.get()) {
            return;
        }
        long quietNanos = System.nanoTime() - lastReadNanos;
        if (quietNanos >= readTimeout.toNanos()) {
            end(quietError.get(), true);
        } else {
            scheduleReadTimeoutCheck(readTimeout.toNanos() - quietNanos);
        }
    }

    private void scheduleReadTimeoutCheck(long delayNanos) {
        try {
            timer.schedule(this::checkReadTimeout, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException sourceClosed) {
            // the source closed and cancelled this connection
        }
    }

    private EventSourceException failureOf(HttpRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CancellationException) {
            return null; // only this connection cancels, once it has ended: nothing to report
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new ConnectionException("could not connect to " + request.uri() + " within "
                    + connectTimeout.toMillis() + " ms (the connect timeout)", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new ReadTimeoutException(readTimeout);
        }
        return new ConnectionException("could not connect to " + request.uri() + ": " + cause, cause);
    }

    static boolean isEventStream(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mediaType.strip().toLowerCase(Locale.ROOT).equals(EVENT_STREAM);
    }

    /**
     * A body read under the read timeout: its first bytes start the clock, each read resets it, and a body that comes
     * after the connection already ended is cancelled at once.
     */
    private abstract class TimedBody implements HttpResponse.BodySubscriber<Void> {
        final CompletableFuture<Void> body = new CompletableFuture<>();

        @Override
        public CompletionStage<Void> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (ended.get()) {
                s.cancel();
                body.complete(null);
                return;
            }
            lastReadNanos = System.nanoTime();
            scheduleReadTimeoutCheck(readTimeout.toNanos());
            s.request(1);
        }
    }

    /** The body of an open stream: bytes into the parser, what it finds to the source. */
    private final class Stream extends TimedBody implements SseParser.Listener {
        private final SseParser parser = new SseParser(this, sentLastEventId);

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            lastReadNanos = System.nanoTime();
            for (ByteBuffer buffer : buffers) {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                parser.feed(bytes);
            }
            // a frame holding only an id sets the last event id without an event
            if (!ended.get()) {
                source.lastEventIdIs(parser.lastEventId());
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.complete(null);
            end(new ConnectionException("the stream broke: " + failure, failure), false);
        }

        @Override
        public void onComplete() {
            body.complete(null);
            end(new ConnectionException("the server ended the stream", null), false);
        }

        @Override
        public void onEvent(ParsedEvent event) {
            if (ended.get()) {
                return;
            }
            source.lastEventIdIs(event.lastEventId());
            if (HistoryGone.TYPE.equals(event.type())) {
                HistoryGone gone = HistoryGone.parse(event.data(), sentLastEventId);
                source.deliver(listener -> listener.onHistoryGone(gone));
            } else if (TokenExpired.TYPE.equals(event.type())) {
                // Herald closes the stream after it: this end is expected, reported as itself and not as an error
                if (ended.compareAndSet(false, true)) {
                    cancelTransport();
                    source.tokenExpired(Connection.this, TokenExpired.parse(event.data()));
                }
            } else {
                source.deliver(listener -> listener.onEvent(event));
            }
        }

        @Override
        public void onRetry(long retryMillis) {
            if (!ended.get()) {
                source.reconnectionTimeIs(retryMillis);
            }
        }

        @Override
        public void onComment(String comment) {
            if (!ended.get()) {
                source.deliver(listener -> listener.onComment(comment));
            }
        }
    }

    /**
     * The body of an error answer: its first bytes are read for the exception's message, then the connection is
     * closed. A body slower than the read timeout is cut there.
     */
    private final class ErrorBody extends TimedBody {
        private final int status;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ErrorBody(int status) {
            this.status = status;
            quietError = this::error;
        }


        @Override
        public void onNext(List<ByteBuffer> buffers) {
            lastReadNanos = System.nanoTime();
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), ERROR_BODY_LIMIT - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= ERROR_BODY_LIMIT) {
                body.complete(null);
                end(error(), true);
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.complete(null);
            end(error(), false);
        }

        @Override
        public void onComplete() {
            body.complete(null);
            end(error(), false);
        }

        /** Called by the Flow signals and by the timer: a ByteArrayOutputStream's methods are synchronized. */
        private HttpStatusException error() {
            return new HttpStatusException(status, bytes.toString(StandardCharsets.UTF_8));
        }
    }

    /** The body of an answer that is not a stream: not read, the connection closed. */
    private static final class Cancelling implements HttpResponse.BodySubscriber<Void> {
        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
