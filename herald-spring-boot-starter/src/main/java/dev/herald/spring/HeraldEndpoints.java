package dev.herald.spring;

import dev.herald.hub.SseSink;
import dev.herald.node.Node;
import dev.herald.serve.HistoryOutcome;
import dev.herald.serve.PollOutcome;
import dev.herald.serve.PresenceOutcome;
import dev.herald.serve.PublishOutcome;
import dev.herald.serve.Refused;
import dev.herald.serve.ServerRequest;
import dev.herald.serve.SseResponse;
import dev.herald.serve.StreamOutcome;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints, at {@code herald.prefix} (flask-sse's {@code url_prefix}): {@code GET <prefix>/stream},
 * {@code GET <prefix>/poll} (polling and long polling), {@code GET <prefix>/history}, {@code POST <prefix>/publish} and
 * {@code POST <prefix>/publish/batch}. Each reads the request for the node's service ({@link Node#streams()},
 * {@link Node#polls()}, {@link Node#history()}, {@link Node#publishing()}) and renders the outcome:
 * the steps between, and every answer, are the Vert.x routes' own. A stream or a poll is owned by one of the starter's
 * loops from the moment it is admitted; the container thread returns at once.
 */
@RestController
public class HeraldEndpoints {

    private final HeraldNode herald;
    private final Node node;

    public HeraldEndpoints(HeraldNode herald) {
        this.herald = herald;
        this.node = herald.node();
    }

    /**
     * Opens the stream on a loop: the request turns asynchronous (no timeout) and its output non-blocking; from here on
     * the loop owns it, and this container thread returns at once.
     */
    @GetMapping("${herald.prefix:}/stream")
    public void stream(HttpServletRequest request, HttpServletResponse response) {
        serveStream(herald, request, response, node.streams()::open);
    }

    /** The service that decides a stream: {@code StreamService::open}, or the console's status. */
    @FunctionalInterface
    interface StreamOpener {
        StreamOutcome open(ServerRequest request, Supplier<SseSink> openResponse);
    }

    /** Serves a stream that {@code opener} decides, and renders its outcome: the stream's and the console's status. */
    static void serveStream(HeraldNode herald, HttpServletRequest request, HttpServletResponse response,
                            StreamOpener opener) {
        Node node = herald.node();
        LeaseEnd end = new LeaseEnd();
        StreamOutcome outcome = opener.open(new ServletServerRequest(request), () -> {
            setStreamHeaders(response);
            // The container's own response, not the handler's view of it: Spring MVC wraps that one for its own async
            // handling, which the stream does not use.
            AsyncContext async = startAsync(request, end);
            ServletOutputStream out = outputOf(async);
            ServletSink sink = new ServletSink(herald.loops().next(), async, out, node.routesOptions().bufferLimitBytes());
            async.addListener(sink);
            out.setWriteListener(sink);
            return sink;
        });
        outcome.render(new StreamOutcome.Renderer<Void>() {
            @Override
            public Void refused(Refused refused) {
                write(response, refused);
                return null;
            }

            @Override
            public Void shed(StreamOutcome.Shed shed) {
                HeraldEndpoints.shed(request, response, shed.frame());
                return null;
            }

            @Override
            public Void opened(StreamOutcome.Opened opened) {
                end.lease(opened.lease());
                return null;
            }

            @Override
            public Void clientGone() {
                return null;
            }
        });
    }

    /**
     * Answers a poll, at once or (a long poll) when events come or its wait ends; the wait is the loop's, and this
     * container thread returns at once. The container notices a client that left mid-wait only when the answer is
     * written, so its place is held until then (at most the poll's {@code wait}).
     */
    @GetMapping("${herald.prefix:}/poll")
    public void poll(HttpServletRequest request, HttpServletResponse response) {
        LeaseEnd end = new LeaseEnd();
        PollOutcome outcome = node.polls().poll(new ServletServerRequest(request),
                () -> new ServletPollResponse(herald.loops().next(), startAsync(request, end)));
        outcome.render(new PollOutcome.Renderer<Void>() {
            @Override
            public Void refused(Refused refused) {
                write(response, refused);
                return null;
            }

            @Override
            public Void polling(PollOutcome.Polling polling) {
                end.lease(polling.lease());
                return null;
            }

            @Override
            public Void clientGone() {
                return null;
            }
        });
    }

    /**
     * Publishes one event; the reply waits for the broker's answer without holding a container thread. The client
     * address's publish rate is checked first, before the body is read.
     */
    @PostMapping("${herald.prefix:}/publish")
    public CompletionStage<ResponseEntity<byte[]>> publish(HttpServletRequest request) throws IOException {
        return publish(request, node.publishing()::publish);
    }

    /**
     * Publishes a batch (a JSON array of publish bodies), every item admitted before any is published; the address's
     * publish rate is checked for the first item before the body is read, for the others after.
     */
    @PostMapping("${herald.prefix:}/publish/batch")
    public CompletionStage<ResponseEntity<byte[]>> publishBatch(HttpServletRequest request) throws IOException {
        return publish(request, node.publishing()::publishBatch);
    }

    private CompletionStage<ResponseEntity<byte[]>> publish(
            HttpServletRequest request, BiFunction<ServerRequest, byte[], CompletionStage<PublishOutcome>> service)
            throws IOException {
        ServerRequest parts = new ServletServerRequest(request);
        Refused overRate = node.publishing().admit(parts);
        if (overRate != null) {
            return CompletableFuture.completedFuture(JsonReplies.entity(overRate));
        }
        int limit = node.publishing().bodyLimitBytes();
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            return CompletableFuture.completedFuture(JsonReplies.entity(node.publishing().bodyTooLarge()));
        }
        return service.apply(parts, body).thenApply(outcome -> outcome.render(
                new PublishOutcome.Renderer<ResponseEntity<byte[]>>() {
                    @Override
                    public ResponseEntity<byte[]> refused(Refused refused) {
                        return JsonReplies.entity(refused);
                    }

                    @Override
                    public ResponseEntity<byte[]> published(PublishOutcome.Published published) {
                        return published.replayed() ? JsonReplies.replayed(published.json())
                                : JsonReplies.ok(published.json());
                    }

                    @Override
                    public ResponseEntity<byte[]> batchPublished(PublishOutcome.BatchPublished batch) {
                        return JsonReplies.json(batch.status(), batch.headers(), batch.json());
                    }
                }));
    }

    /** The streams and token subjects on one channel across every node. */
    @GetMapping("${herald.prefix:}/presence")
    public ResponseEntity<byte[]> presence(HttpServletRequest request) {
        return node.presence().answer(new ServletServerRequest(request)).render(
                new PresenceOutcome.Renderer<ResponseEntity<byte[]>>() {
                    @Override
                    public ResponseEntity<byte[]> refused(Refused refused) {
                        return JsonReplies.entity(refused);
                    }

                    @Override
                    public ResponseEntity<byte[]> present(PresenceOutcome.Present present) {
                        return ResponseEntity.ok().header("Content-Type", Refused.JSON_CONTENT_TYPE)
                                .header("Cache-Control", "no-store").body(present.count().json());
                    }
                });
    }

    /** Any other method on the presence path: 405, as JSON. */
    @RequestMapping("${herald.prefix:}/presence")
    public ResponseEntity<byte[]> presenceTakesOnlyGet(HttpServletRequest request) {
        return JsonReplies.entity(Refused.methodNotAllowed(request.getMethod(), "GET"));
    }

    /** A channel's retained events, newest first, without subscribing; no container thread waits for the broker. */
    @GetMapping("${herald.prefix:}/history")
    public CompletionStage<ResponseEntity<byte[]>> history(HttpServletRequest request) {
        return node.history().read(new ServletServerRequest(request)).thenApply(outcome -> outcome.render(
                new HistoryOutcome.Renderer<ResponseEntity<byte[]>>() {
                    @Override
                    public ResponseEntity<byte[]> refused(Refused refused) {
                        return JsonReplies.entity(refused);
                    }

                    @Override
                    public ResponseEntity<byte[]> page(HistoryOutcome.Page page) {
                        return JsonReplies.ok(page.json());
                    }
                }));
    }

    /** Any other method on the history's path: 405, as JSON. */
    @RequestMapping("${herald.prefix:}/history")
    public ResponseEntity<byte[]> historyTakesOnlyGet(HttpServletRequest request) {
        return JsonReplies.entity(Refused.methodNotAllowed(request.getMethod(), "GET"));
    }

    /** Any other method on the stream's path: 405, as JSON. */
    @RequestMapping("${herald.prefix:}/stream")
    public ResponseEntity<byte[]> streamTakesOnlyGet(HttpServletRequest request) {
        return JsonReplies.entity(Refused.methodNotAllowed(request.getMethod(), "GET"));
    }

    /** Any other method on the poll's path: 405, as JSON. */
    @RequestMapping("${herald.prefix:}/poll")
    public ResponseEntity<byte[]> pollTakesOnlyGet(HttpServletRequest request) {
        return JsonReplies.entity(Refused.methodNotAllowed(request.getMethod(), "GET"));
    }

    /** Any other method on the publish path: 405, as JSON. */
    @RequestMapping("${herald.prefix:}/publish")
    public ResponseEntity<byte[]> publishTakesOnlyPost(HttpServletRequest request) {
        return JsonReplies.entity(Refused.methodNotAllowed(request.getMethod(), "POST"));
    }

    /** Any other method on the batch publish path: 405, as JSON. */
    @RequestMapping("${herald.prefix:}/publish/batch")
    public ResponseEntity<byte[]> publishBatchTakesOnlyPost(HttpServletRequest request) {
        return JsonReplies.entity(Refused.methodNotAllowed(request.getMethod(), "POST"));
    }

    /** The request turned asynchronous with no container timeout (the loop and the node's timers end it). */
    private static AsyncContext startAsync(HttpServletRequest request, LeaseEnd end) {
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        async.addListener(end);
        return async;
    }

    private static ServletOutputStream outputOf(AsyncContext async) {
        try {
            return async.getResponse().getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream of one {@code retry} field, then the end of the connection (see {@link StreamOutcome.Shed}). */
    private static void shed(HttpServletRequest request, HttpServletResponse response, byte[] frame) {
        setStreamHeaders(response);
        if (!"HTTP/2.0".equals(request.getProtocol())) {
            response.setHeader("Connection", "close");
        }
        response.setContentLength(frame.length);
        try {
            response.getOutputStream().write(frame);
        } catch (IOException gone) {
            // the client left; nothing was counted for it
        }
    }

    private static void setStreamHeaders(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
        SseResponse.HEADERS.forEach(response::setHeader);
    }

    private static void write(HttpServletResponse response, Refused refused) {
        try {
            JsonReplies.write(response, refused);
        } catch (IOException gone) {
            // the client left before its refusal could be written
        }
    }
}
