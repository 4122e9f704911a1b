package dev.herald.spring;

import dev.herald.access.Grants;
import dev.herald.auth.AccessRefusedException;
import dev.herald.auth.RequestCredentials;
import dev.herald.auth.RequestToken;
import dev.herald.auth.StreamPass;
import dev.herald.auth.TokenExpired;
import dev.herald.broker.BrokerUnavailableException;
import dev.herald.limits.Limits;
import dev.herald.limits.ShedRetry;
import dev.herald.publish.Publication;
import dev.herald.publish.PublishFailure;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.QueryString;
import dev.herald.request.JsonBody;
import dev.herald.request.PublishRequest;
import dev.herald.request.StreamRequest;
import dev.herald.sse.SseEncoder;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * <p>The node's {@link dev.herald.auth.AccessRules} apply as on the Vert.x routes, with the same answers: a stream
 * naming a private channel needs a token covering it (401 with {@code WWW-Authenticate}, or 403) and ends with a
 * {@value TokenExpired#TYPE} event when that token expires; with a key configured, a publish needs a token whose grants
 * cover its channel, and a token brought as the cookie counts only from a page of this server's own origin.
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
            // decoded here, strictly: Tomcat drops a parameter it cannot decode, and ?channel=%ZZ would become "sse"
            Map<String, List<String>> query = QueryString.decode(request.getQueryString());
            asked = StreamRequest.read(request.getHeader(StreamRequest.LAST_EVENT_ID_HEADER),
                    name -> query.getOrDefault(name, List.of()), node.routesOptions().maxChannels());
        } catch (InvalidRequestException invalid) {
            JsonReplies.write(response, 400, invalid.getMessage());
            return;
        }
        StreamPass pass;
        try {
            pass = node.access().admitStream(asked.channels(),
                    () -> credentials(request, node.access().options().allowQueryToken()));
        } catch (AccessRefusedException refused) {
            refuse(response, refused);
            return;
        }
        String address = request.getRemoteAddr();
        switch (node.limits().admitStream(address)) {
            case CLIENT_FULL -> JsonReplies.tooManyRequests(response, Limits.CLIENT_FULL_RETRY_AFTER_SECONDS,
                    node.limits().clientFullMessage("streams"));
            case NODE_FULL -> shed(request, response);
            case ADMITTED -> {
                try {
                    open(request, response, asked, address, pass);
                } catch (IOException | RuntimeException e) {
                    node.limits().streamClosed(address);
                    throw e;
                }
            }
        }
    }

    /**
     * Serves an admitted stream; its count is given back, once, when the container reports the response ended. A
     * private stream's expiry is timed after its subscription was handed to the loop, so the expiry runs after it there.
     */
    private void open(HttpServletRequest request, HttpServletResponse response, StreamRequest asked, String address,
                      StreamPass pass) throws IOException {
        streamHeaders(response);
        // The container's own response, not the handler's view of it: Spring MVC wraps that one for its own async
        // handling, which the stream does not use.
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        Executor loop = node.loops().next();
        ServletOutputStream out = async.getResponse().getOutputStream();
        ServletSink sink = new ServletSink(loop, async, out, node.routesOptions().bufferLimitBytes());
        async.addListener(sink);
        StreamEnd end = new StreamEnd(node.limits(), address);
        async.addListener(end);
        out.setWriteListener(sink);
        loop.execute(() -> sink.subscribe(node.hub(), asked));
        if (pass.expires()) {
            byte[] expired = TokenExpired.frame(pass.privateChannels());
            long delayMillis = Math.max(1, Duration.between(Instant.now(), pass.expiresAt()).toMillis());
            end.expiresWith(node.timers().schedule(() -> loop.execute(() -> sink.endWith(expired)),
                    delayMillis, TimeUnit.MILLISECONDS));
        }
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
        // In the Vert.x routes' order: the body's size, who publishes, the body's type and form, then the channel.
        int limit = node.routesOptions().bodyLimitBytes();
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            return CompletableFuture.completedFuture(JsonReplies.error(413,
                    "Request body is larger than the limit of " + limit + " bytes"));
        }
        Grants grants;
        try {
            grants = node.access().admitPublisher(() -> credentials(request, false));
        } catch (AccessRefusedException refused) {
            return CompletableFuture.completedFuture(refusal(refused));
        }
        String contentType = request.getContentType();
        if (!JsonBody.isJson(contentType)) {
            return CompletableFuture.completedFuture(JsonReplies.error(415, JsonBody.notJsonMessage(contentType)));
        }
        Publication publication;
        try {
            publication = PublishRequest.read(body);
            node.access().authorizePublish(grants, publication.channel());
        } catch (InvalidRequestException invalid) {
            return CompletableFuture.completedFuture(JsonReplies.error(400, invalid.getMessage()));
        } catch (AccessRefusedException refused) {
            return CompletableFuture.completedFuture(refusal(refused));
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

    /** A 401 or 403 of the access rules, written straight to the response. */
    private static void refuse(HttpServletResponse response, AccessRefusedException refused) throws IOException {
        if (refused.challenge() != null) {
            response.setHeader("WWW-Authenticate", refused.challenge());
        }
        JsonReplies.write(response, refused.status(), refused.getMessage());
    }

    /** A 401 or 403 of the access rules, as a reply. */
    private static ResponseEntity<Map<String, Object>> refusal(AccessRefusedException refused) {
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(refused.status()).contentType(MediaType.APPLICATION_JSON);
        if (refused.challenge() != null) {
            reply.header("WWW-Authenticate", refused.challenge());
        }
        return reply.body(JsonReplies.errorBody(refused.getMessage()));
    }

    /** What the access rules read from a request; the query token only where it may count. */
    private static RequestCredentials credentials(HttpServletRequest request, boolean withQuery) {
        String cookie = null;
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie candidate : cookies) {
                if (candidate.getName().equals(RequestToken.COOKIE)) {
                    cookie = candidate.getValue();
                    break;
                }
            }
        }
        return new RequestCredentials(request.getHeader("Authorization"), cookie,
                withQuery ? request.getParameter(RequestToken.QUERY_PARAM) : null, request.getHeader("Sec-Fetch-Site"),
                request.getHeader("Origin"), request.getHeader("Host"), request.getScheme());
    }
}
