package dev.herald.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A share of the subscribers, owned by one event loop: opens their streams, feeds the raw bytes of every chunk
 * to a {@link StampReader}, and records the latency and order of the measured events.
 *
 * <p>Every field is touched only on the group's event loop (the verticle's context): the streams are opened
 * from it, so their connections live on it and their handlers run there. Other threads ask through
 * {@link #openStreams()} and {@link #tally(long)}. A stream the server ends is not reopened: what it misses
 * counts as lost.
 */
final class SubscriberGroup extends VerticleBase {

    /** Connections being opened at once, per group, so that a burst of thousands does not overflow the backlog. */
    private static final int MAX_CONNECTING = 64;
    private static final long RETRY_MILLIS = 200;

    private final HttpClient client;
    private final RequestOptions request;
    private final int size;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final LatencyHistogram latencies = new LatencyHistogram();
    private int started;
    private int connecting;
    private long deliveries;
    private long unexpectedEvents;
    private String firstError;
    private String lastFailure;

    /**
     * @param client  the client of every stream, its HTTP/1 pool large enough for all of them
     * @param request the {@code GET} of one stream
     * @param size    the number of streams this group opens
     */
    SubscriberGroup(HttpClient client, RequestOptions request, int size) {
        this.client = client;
        this.request = new RequestOptions(request);
        this.size = size;
    }

    /** Starts opening the group's streams; connection failures are retried until the harness gives up. */
    void openStreams() {
        context.runOnContext(ignored -> openMore());
    }

    /** What the streams received so far, given that {@code published} measured messages were acknowledged. */
    Future<StreamTally> tally(long published) {
        Promise<StreamTally> tally = Promise.promise();
        context.runOnContext(ignored -> tally.complete(snapshot(published)));
        return tally.future();
    }

    private void openMore() {
        while (connecting < MAX_CONNECTING && started < size && firstError == null) {
            started++;
            connecting++;
            open(new Subscriber());
        }
    }

    private void open(Subscriber subscriber) {
        client.request(request).compose(HttpClientRequest::send).onComplete(sent -> {
            if (sent.failed()) {
                // Refused or reset: a server busy accepting thousands of connections may do that. Try again.
                lastFailure = String.valueOf(sent.cause().getMessage());
                vertx.setTimer(RETRY_MILLIS, id -> open(subscriber));
            } else if (sent.result().statusCode() != 200) {
                HttpClientResponse response = sent.result();
                response.body().onComplete(body -> refuse("GET " + request.getURI() + " answered "
                        + response.statusCode() + (body.succeeded() ? ": " + body.result() : "")));
            } else {
                connecting--;
                subscribers.add(subscriber);
                subscriber.attach(sent.result());
                openMore();
            }
        });
    }

    private void refuse(String reason) {
        if (firstError == null) {
            firstError = reason;
        }
    }

    private StreamTally snapshot(long published) {
        int open = 0;
        int caughtUp = 0;
        long lost = 0;
        long duplicated = 0;
        long reordered = 0;
        for (Subscriber subscriber : subscribers) {
            if (subscriber.open) {
                open++;
                if (subscriber.order.distinct() >= published) {
                    caughtUp++;
                }
            }
            lost += subscriber.order.lost(published);
            duplicated += subscriber.order.duplicated();
            reordered += subscriber.order.reordered();
        }
        return new StreamTally(subscribers.size(), open, caughtUp, deliveries, lost, duplicated, reordered,
                unexpectedEvents, Optional.ofNullable(firstError), Optional.ofNullable(lastFailure), latencies.copy());
    }

    private void onStamp(Stamp stamp, long receivedNanos, SequenceTracker order) {
        if (stamp.measured()) {
            deliveries++;
            latencies.record(receivedNanos - stamp.sentNanos());
            order.record(stamp.seq() - Stamp.MEASURED_BASE, stamp.ackedBelow() - Stamp.MEASURED_BASE);
        }
    }

    /** One stream. */
    private final class Subscriber {
        /** When the chunk being parsed arrived: the receive time of every event it completes. */
        private long chunkNanos;
        private final SequenceTracker order = new SequenceTracker();
        private final StampReader reader = new StampReader(new StampReader.Listener() {
            @Override
            public void onStamp(long seq, long sentNanos, long ackedBelow) {
                SubscriberGroup.this.onStamp(new Stamp(seq, sentNanos, ackedBelow), chunkNanos, order);
            }

            @Override
            public void onOther() {
                unexpectedEvents++;
            }
        });
        private boolean open;

        void attach(HttpClientResponse response) {
            open = true;
            response.handler(chunk -> {
                chunkNanos = System.nanoTime();
                reader.feed(chunk.getBytes());
            });
            response.endHandler(ignored -> open = false);
            response.exceptionHandler(ignored -> open = false);
        }
    }
}
