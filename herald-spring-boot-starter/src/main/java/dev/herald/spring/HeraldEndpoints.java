package dev.herald.spring;

import dev.herald.broker.BrokerUnavailableException;
import dev.herald.limits.Limits;
import dev.herald.limits.ShedRetry;
import dev.herald.publish.Publication;
import dev.herald.publish.PublishFailure;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.JsonBody;
import dev.herald.request.PublishRequest;
import dev.herald.request.StreamRequest;
import dev.herald.sse.SseEncoder;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints, at {@code herald.prefix} (flask-sse's {@code url_prefix}), with the answers of the Vert.x routes:
 * <ul>
 *   <li>{@code GET <prefix>/stream}: the event stream of the channels and cursor that {@link StreamRequest} reads; the
 *       opening {@code retry}, resume, {@code history-gone} and heartbeats are the hub's;</li>
 *   <li>{@code POST <prefix>/publish}: {@code {"channel", "type", "data", "id"?, "retry"?}} read by
 *       {@link PublishRequest}, published through the {@link dev.herald.publish.Publisher}; answers
 *       {@code {"status":"success","id":"..."}}.</li>
 * </ul>
 * Every refusal is {@code {"status":"error","message":...}} with its 4xx (405 for another method; 503 when the broker
 * cannot take an event).
 *
 * <p>The node's {@link Limits} apply as on the Vert.x routes, with the same answers: a client address over its streams
 * or its publish rate gets 429 with {@code Retry-After}; a stream over the node's cap is shed (a stream holding only a
 * {@code retry} of 5 to 15 seconds, then the end of the connection), since a browser's {@code EventSource} gives up for
 * good on anything else. The client address is {@link HttpServletRequest#getRemoteAddr()}: the TCP peer's, unless the
 * application has Spring apply a proxy's forwarded headers ({@code server.forward-headers-strategy}).
 */
@RestController
public class HeraldEndpoints {

    private static final System.Logger LOG = System.getLogger(HeraldEndpoints.class.getName());

    private final HeraldNode node;

    public HeraldEndpoints(HeraldNode node) {
        this.node = node;
    }

    /**
     * Opens the stream on a loop: the request turns asynchronous (no timeout) and its output non-blocking; from here on
     * the loop owns it, and this container thread returns at once.
     */
    @GetMapping("${herald.prefix:}/stream")
    public void stream(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StreamRequest asked;
        try {
            asked = StreamRequest.read(request.getHeader(StreamRequest.LAST_EVENT_ID_HEADER),
                    name -> valuesOf(request.getParameterValues(name)), node.routesOptions().maxChannels());
        } catch (InvalidRequestException invalid) {
            JsonReplies.write(response, 400, invalid.getMessage());
            return;
        }
        String address = request.getRemoteAddr();
        switch (node.limits().admitStream(address)) {
            case CLIENT_FULL -> JsonReplies.tooManyRequests(response, Limits.CLIENT_FULL_RETRY_AFTER_SECONDS,
                    node.limits().clientFullMessage("streams"));
            case NODE_FULL -> shed(request, response);
            case ADMITTED -> {
                try {
                    open(request, response, asked, address);
                } catch (IOException | RuntimeException e) {
                    node.limits().streamClosed(address);
                    throw e;
                }
            }
        }
    }

    /** Serves an admitted stream; its count is given back, once, when the container reports the response ended. */
    private void open(HttpServletRequest request, HttpServletResponse response, StreamRequest asked, String address)
            throws IOException {
        streamHeaders(response);
        // The container's own response, not the handler's view of it: Spring MVC wraps that one for its own async
        // handling, which the stream does not use.
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        Executor loop = node.loops().next();
        ServletOutputStream out = async.getResponse().getOutputStream();
        ServletSink sink = new ServletSink(loop, async, out, node.routesOptions().bufferLimitBytes());
        async.addListener(sink);
        async.addListener(new StreamCount(node.limits(), address));
        out.setWriteListener(sink);
        loop.execute(() -> sink.subscribe(node.hub(), asked.channels(), asked.lastEventId()));
    }

    /** A stream of one {@code retry} field, then the end of the connection (see the class comment). */
    private static void shed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        streamHeaders(response);
        if (!"HTTP/2.0".equals(request.getProtocol())) {
            response.setHeader("Connection", "close");
        }
        byte[] frame = SseEncoder.retry(ShedRetry.millis(ThreadLocalRandom.current()));
        response.setContentLength(frame.length);
        response.getOutputStream().write(frame);
    }

    private static void streamHeaders(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
    }

    /**
     * Publishes one event; the reply waits for the broker's answer without holding a container thread. The client
     * address's publish rate is checked first, before the body is read.
     */
    @PostMapping("${herald.prefix:}/publish")
    public CompletionStage<ResponseEntity<Map<String, Object>>> publish(HttpServletRequest request) throws IOException {
        long retryAfterSeconds = node.limits().publishRetryAfterSeconds(request.getRemoteAddr());
        if (retryAfterSeconds > 0) {
            return CompletableFuture.completedFuture(JsonReplies.tooManyRequests(retryAfterSeconds,
                    node.limits().publishRateMessage(retryAfterSeconds)));
        }
        String contentType = request.getContentType();
        if (!JsonBody.isJson(contentType)) {
            return CompletableFuture.completedFuture(JsonReplies.error(415, JsonBody.notJsonMessage(contentType)));
        }
        int limit = node.routesOptions().bodyLimitBytes();
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            return CompletableFuture.completedFuture(JsonReplies.error(413,
                    "Request body is larger than the limit of " + limit + " bytes"));
        }
        Publication publication;
        try {
            publication = PublishRequest.read(body);
        } catch (InvalidRequestException invalid) {
            return CompletableFuture.completedFuture(JsonReplies.error(400, invalid.getMessage()));
        }
        return node.publisher().publish(publication).handle((id, error) -> {
            if (error == null) {
                Map<String, Object> success = new LinkedHashMap<>();
                success.put("status", "success");
                success.put("id", id);
                return ResponseEntity.ok(success);
            }
            PublishFailure failure = PublishFailure.of(error);
            if (failure.cause() instanceof BrokerUnavailableException) {
                LOG.log(System.Logger.Level.WARNING, "publish refused with 503: " + failure.cause().getMessage());
            } else if (!failure.refused()) {
                LOG.log(System.Logger.Level.WARNING, "publish failed", failure.cause());
            }
            return JsonReplies.error(failure.status(), failure.message());
        });
    }

    /** Any other method on the stream's path: 405, as JSON. */
    @RequestMapping("${herald.prefix:}/stream")
    public ResponseEntity<Map<String, Object>> streamTakesOnlyGet(HttpServletRequest request) {
        return methodNotAllowed(request, "GET");
    }

    /** Any other method on the publish path: 405, as JSON. */
    @RequestMapping("${herald.prefix:}/publish")
    public ResponseEntity<Map<String, Object>> publishTakesOnlyPost(HttpServletRequest request) {
        return methodNotAllowed(request, "POST");
    }

    private static ResponseEntity<Map<String, Object>> methodNotAllowed(HttpServletRequest request, String allowed) {
        return ResponseEntity.status(405).header("Allow", allowed).contentType(MediaType.APPLICATION_JSON)
                .body(JsonReplies.errorBody("Method " + request.getMethod() + " is not allowed here; use " + allowed));
    }

    private static List<String> valuesOf(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
