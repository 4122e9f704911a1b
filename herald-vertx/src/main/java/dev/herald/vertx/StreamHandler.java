package dev.herald.vertx;

import dev.herald.hub.SseSink;
import dev.herald.serve.Refused;
import dev.herald.serve.ServerRequest;
import dev.herald.serve.SseResponse;
import dev.herald.serve.StreamOutcome;
import dev.herald.serve.StreamService;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code GET .../stream}: reads the request for {@link StreamService} and renders its outcome; the steps between are
 * the service's. An open stream is written by a {@link ResponseSink} on this request's loop. The console's status
 * stream is rendered by the same handler over the console's service ({@link #StreamHandler(Opener, int)}).
 */
final class StreamHandler implements Handler<RoutingContext> {

    /** The service that decides a stream: {@link StreamService#open} or the console's {@code status}. */
    @FunctionalInterface
    interface Opener {
        StreamOutcome open(ServerRequest request, Supplier<SseSink> openResponse);
    }

    private final Opener streams;
    private final int bufferLimitBytes;

    StreamHandler(StreamService streams, int bufferLimitBytes) {
        this(streams::open, bufferLimitBytes);
    }

    StreamHandler(Opener streams, int bufferLimitBytes) {
        this.streams = streams;
        this.bufferLimitBytes = bufferLimitBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        StreamOutcome outcome = streams.open(new VertxRequest(ctx), () -> new ResponseSink(ctx.vertx().getOrCreateContext(),
                streamHeaders(ctx.response()).setChunked(true), bufferLimitBytes));
        outcome.render(new StreamOutcome.Renderer<Void>() {
            @Override
            public Void refused(Refused refused) {
                JsonHttp.send(ctx, refused);
                return null;
            }

            @Override
            public Void shed(StreamOutcome.Shed shed) {
                StreamHandler.shed(ctx, shed.frame());
                return null;
            }

            @Override
            public Void opened(StreamOutcome.Opened opened) {
                // Called on this loop when the response ends or its connection closes, possibly once for each.
                ctx.addEndHandler(ended -> opened.lease().end());
                return null;
            }

            @Override
            public Void clientGone() {
                return null; // its end would never be seen: nothing was taken for it
            }
        });
    }

    private static void shed(RoutingContext ctx, byte[] frame) {
        HttpServerResponse response = streamHeaders(ctx.response());
        boolean http1 = ctx.request().version() != HttpVersion.HTTP_2;
        if (http1) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        response.end(Buffer.buffer(frame)).onComplete(sent -> {
            if (http1) {
                ctx.request().connection().close();
            }
        });
    }

    private static HttpServerResponse streamHeaders(HttpServerResponse response) {
        SseResponse.HEADERS.forEach(response::putHeader);
        return response;
    }
}
