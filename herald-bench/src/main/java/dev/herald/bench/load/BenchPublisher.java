package dev.herald.bench.load;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * The publisher: one request per message, its body a {@link Stamp} between the server's prefix and suffix (see
 * {@link ServerApi}), at a target rate (a periodic timer sends the messages due) or, at rate 0, as fast as the
 * server answers. Any 2xx answer counts as published.
 *
 * <p>At most {@code maxInFlight} requests are outstanding in either mode; at a rate the bound only matters when
 * the server falls behind, and the messages it holds back are sent as soon as answers come. Messages are
 * numbered in the order they are sent, and each carries the number below which all were answered (see
 * {@link Stamp}). At most {@value #MAX_UNSETTLED} messages wait behind an unanswered one, which bounds memory
 * if the server never answers one request.
 *
 * <p>Every field is touched only on the verticle's event loop; other threads call {@link #begin()},
 * {@link #measure()}, {@link #finish()} and {@link #tally()}.
 */
final class BenchPublisher extends VerticleBase {

    private static final long TICK_MILLIS = 10;
    private static final int MAX_UNSETTLED = 65_536;

    private final HttpClient client;
    private final RequestOptions request;
    private final String bodyPrefix;
    private final String bodySuffix;
    private final int rate;
    private final int maxInFlight;

    /** Sent messages from the oldest unanswered one on, in sending order. */
    private final ArrayDeque<Sent> unsettled = new ArrayDeque<>();
    private int inFlight;
    private long nextSeq;
    private long phaseStartNanos;
    private long sentInPhase;
    private boolean stopped = true;
    private long timerId = -1;
    private long published;
    private long errors;
    private String firstError;
    private Promise<Void> drained;

    /**
     * @param client      the publishing client, with a small pool of its own
     * @param request     the {@code POST} of one message, with its content type
     * @param bodyPrefix  what the body holds before the stamp
     * @param bodySuffix  what the body holds after the stamp
     * @param rate        messages per second; 0 for as fast as the server answers
     * @param maxInFlight the most requests outstanding at once
     */
    BenchPublisher(HttpClient client, RequestOptions request, String bodyPrefix, String bodySuffix, int rate,
                   int maxInFlight) {
        this.client = client;
        this.request = new RequestOptions(request);
        this.bodyPrefix = bodyPrefix;
        this.bodySuffix = bodySuffix;
        this.rate = rate;
        this.maxInFlight = maxInFlight;
    }

    /** Starts publishing warm-up messages, numbered from 0. */
    Future<Void> begin() {
        return onLoop(() -> {
            stopped = false;
            startPhase(0);
            if (rate > 0) {
                timerId = vertx.setPeriodic(TICK_MILLIS, id -> pump());
            }
        });
    }

    /** Goes on with measured messages, numbered from {@link Stamp#MEASURED_BASE}; the rate counts from now. */
    Future<Void> measure() {
        return onLoop(() -> startPhase(Stamp.MEASURED_BASE));
    }

    /** Stops sending; completes once every request sent has been answered or has failed. */
    Future<Void> finish() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(ignored -> {
            stopped = true;
            vertx.cancelTimer(timerId);
            drained = done;
            completeIfDrained();
        });
        return done.future();
    }

    /** The measured messages answered so far. */
    Future<PublishTally> tally() {
        Promise<PublishTally> tally = Promise.promise();
        context.runOnContext(ignored -> tally.complete(new PublishTally(published, errors, Optional.ofNullable(firstError))));
        return tally.future();
    }

    private Future<Void> onLoop(Runnable action) {
        Promise<Void> done = Promise.promise();
        context.runOnContext(ignored -> {
            action.run();
            done.complete();
        });
        return done.future();
    }

    private void startPhase(long firstSeq) {
        nextSeq = firstSeq;
        phaseStartNanos = System.nanoTime();
        sentInPhase = 0;
        pump();
    }

    private void pump() {
        long now = System.nanoTime();
        while (!stopped && inFlight < maxInFlight && unsettled.size() < MAX_UNSETTLED
                && (rate == 0 || sentInPhase < due(now))) {
            send();
        }
    }

    /** Messages due since the phase began: one at once, then {@code rate} a second. */
    private long due(long now) {
        return (now - phaseStartNanos) * rate / 1_000_000_000L + 1;
    }

    private void send() {
        Sent sent = new Sent(nextSeq++);
        sentInPhase++;
        inFlight++;
        unsettled.addLast(sent);
        client.request(request)
                .compose(http -> http.send(bodyPrefix
                        + new Stamp(sent.seq, System.nanoTime(), unsettled.getFirst().seq).format() + bodySuffix))
                .compose(response -> response.body().compose(body -> response.statusCode() / 100 == 2
                        ? Future.<Void>succeededFuture()
                        : Future.<Void>failedFuture("POST " + request.getURI() + " answered " + response.statusCode()
                                + ": " + body)))
                .onComplete(outcome -> settle(sent, outcome));
    }

    private void settle(Sent sent, AsyncResult<Void> outcome) {
        inFlight--;
        sent.answered = true;
        if (outcome.failed() && firstError == null) {
            firstError = String.valueOf(outcome.cause().getMessage());
        }
        if (sent.seq >= Stamp.MEASURED_BASE) {
            if (outcome.succeeded()) {
                published++;
            } else {
                errors++;
            }
        }
        while (!unsettled.isEmpty() && unsettled.getFirst().answered) {
            unsettled.removeFirst();
        }
        pump();
        completeIfDrained();
    }

    private void completeIfDrained() {
        if (drained != null && inFlight == 0) {
            drained.tryComplete();
        }
    }

    /** A message sent and perhaps answered. */
    private static final class Sent {
        private final long seq;
        private boolean answered;

        Sent(long seq) {
            this.seq = seq;
        }
    }
}
