package dev.herald.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.access.StreamPass;
import dev.herald.access.TokenExpired;
import dev.herald.broker.ChannelNames;
import dev.herald.broker.StoredEvent;
import dev.herald.hub.Hub;
import dev.herald.publish.Publisher;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.JsonBody;
import dev.herald.sse.SseEncoder;
import dev.herald.sse.SseEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code {prefix}/admin/<action>}: connection control for an admin token ({@link AccessControl#admitAdmin}; 401 without
 * a token, 403 for another's or where no key is configured, before anything is read):
 * <ul>
 *   <li>{@code GET channels}: this node's channels (reserved ones left out) with their streams here, most first.</li>
 *   <li>{@code POST disconnect {"subject":"..."}}: ends every stream of that token subject on this node, each after an
 *       {@value #DISCONNECTED} event with {@code retry: }{@value #DISCONNECTED_RETRY_MILLIS} (the client may come back
 *       then: a disconnect is not a ban, a revocation is), and tells the other nodes through the broker on
 *       {@value #CHANNEL}; each ends its own on receipt.</li>
 *   <li>{@code POST revoke {"jti":"...","exp":<epoch s>}}: refuses the token with that {@code jti} until {@code exp}
 *       (by default {@link #DEFAULT_REVOCATION} from now) on this node, ends its streams here after a
 *       {@value TokenExpired#TYPE} event, and tells the other nodes, which do the same on receipt.</li>
 * </ul>
 * Only streams that brought a token are found: a stream of public channels never has its token read. Polls are not
 * ended (each is short, or waits at most its {@code wait}); a revoked token's next poll is refused. An unknown action
 * or a bad body is a 400 naming the field; a known action with another method a 405 with {@code Allow}.
 */
public final class AdminService {

    /** The reserved channel of admin actions between nodes. */
    public static final String CHANNEL = ChannelNames.RESERVED_PREFIX + "herald.admin";
    /** The last event of a stream an admin disconnected. */
    public static final String DISCONNECTED = "disconnected";
    /** The {@code retry} sent with {@value #DISCONNECTED}: how long an EventSource waits before it comes back. */
    public static final long DISCONNECTED_RETRY_MILLIS = 60_000;
    /** How long a revocation lasts when the request gives no {@code exp}. */
    public static final Duration DEFAULT_REVOCATION = Duration.ofHours(24);
    /** The latest {@code exp} a revocation takes. */
    public static final Duration MAX_REVOCATION = Duration.ofDays(366);
    /** The longest subject or token id taken. */
    public static final int MAX_NAME_LENGTH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTIONS = "channels (GET), disconnect (POST) or revoke (POST)";

    private final Hub hub;
    private final Publisher publisher;
    private final AccessControl access;
    private final TokenStreams streams;
    private final boolean otherNodes;
    /** Tells this node's own control messages apart from other nodes'. */
    private final String origin = UUID.randomUUID().toString();

    AdminService(Hub hub, Publisher publisher, AccessControl access, TokenStreams streams, boolean otherNodes) {
        this.hub = hub;
        this.publisher = publisher;
        this.access = access;
        this.streams = streams;
        this.otherNodes = otherNodes;
    }

    /**
     * Serves {@code method} on the action {@code action} (the path below {@code admin/}), with the request's
     * {@code body} (empty for none, read by the adapter within the routes' body limit). Completes once an action is
     * done here and handed to the broker for the other nodes.
     */
    public CompletionStage<AdminAnswer> serve(String method, String action, ServerRequest request, byte[] body) {
        try {
            access.admitAdmin(() -> request.credentials(false));
        } catch (AccessRefusedException refused) {
            return done(AdminAnswer.of(Refused.of(refused)));
        } catch (InvalidRequestException invalid) {
            return done(AdminAnswer.of(Refused.of(400, invalid.getMessage())));
        }
        String allowed = switch (action) {
            case "channels" -> "GET";
            case "disconnect", "revoke" -> "POST";
            default -> null;
        };
        if (allowed == null) {
            return done(AdminAnswer.of(Refused.of(400, "unknown admin action \"" + action + "\": use " + ACTIONS)));
        }
        if (!allowed.equals(method)) {
            return done(AdminAnswer.of(Refused.methodNotAllowed(method, allowed)));
        }
        if (action.equals("channels")) {
            return done(channels());
        }
        if (!JsonBody.isJson(request.header("Content-Type"))) {
            return done(AdminAnswer.of(Refused.of(415, JsonBody.notJsonMessage(request.header("Content-Type")))));
        }
        try {
            ObjectNode object = JsonBody.readObject(body);
            return action.equals("disconnect") ? disconnect(object) : revoke(object);
        } catch (InvalidRequestException invalid) {
            return done(AdminAnswer.of(Refused.of(400, invalid.getMessage())));
        }
    }

    /** Acts on another node's admin action, as the broker delivers it on {@link #CHANNEL}; this node's own are skipped. */
    public void onControl(StoredEvent received) {
        try {
            JsonNode message = JSON.readTree(received.event().data());
            if (origin.equals(message.path("origin").asText())) {
                return;
            }
            String type = received.event().type();
            if (DISCONNECTED.equals(type)) {
                int ended = endSubject(message.path("subject").asText());
                LOG.info("an admin on another node disconnected subject {}: {} stream(s) ended here",
                        message.path("subject").asText(), ended);
            } else if ("revoked".equals(type)) {
                String tokenId = message.path("jti").asText();
                int ended = revokeHere(tokenId, Instant.ofEpochSecond(message.path("exp").asLong()));
                LOG.info("an admin on another node revoked token {}: {} stream(s) ended here", tokenId, ended);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("an admin message on {} could not be read, ignored: {}", CHANNEL, e.getMessage());
        }
    }

    /**
     * Applies the revocations among {@code history} (the newest admin actions the broker's history still holds on
     * {@link #CHANNEL}, read when the node starts): those not yet expired are refused here too. In Streams mode that
     * history is in Redis, so a node started after a revocation knows it, as long as it is among the newest
     * {@code history-size} admin actions; a relayed or memory broker starts with none.
     *
     * @return how many unexpired revocations it applied
     */
    public int recall(List<StoredEvent> history) {
        int applied = 0;
        Instant now = Instant.now();
        for (StoredEvent stored : history) {
            if (!"revoked".equals(stored.event().type())) {
                continue;
            }
            try {
                JsonNode message = JSON.readTree(stored.event().data());
                Instant until = Instant.ofEpochSecond(message.path("exp").asLong());
                if (until.isAfter(now) && access.revocations().revoke(message.path("jti").asText(), until, now)) {
                    applied++;
                }
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warn("an admin message on {} could not be read, ignored: {}", CHANNEL, e.getMessage());
            }
        }
        return applied;
    }

    private AdminAnswer channels() {
        List<Map<String, Object>> channels = new ArrayList<>();
        hub.channelStreams((channel, count) -> {
            if (!ChannelNames.isReserved(channel)) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("channel", channel);
                one.put("streams", count);
                channels.add(one);
            }
        });
        channels.sort(Comparator.comparingInt((Map<String, Object> one) -> -(Integer) one.get("streams"))
                .thenComparing(one -> (String) one.get("channel")));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("channels", channels);
        json.put("total", channels.size());
        return AdminAnswer.ok(json);
    }

    private CompletionStage<AdminAnswer> disconnect(ObjectNode body) {
        String subject = name(body, "subject");
        int ended = endSubject(subject);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "ok");
        json.put("subject", subject);
        json.put("ended", ended);
        return tellOthers(DISCONNECTED, Map.of("subject", subject), json);
    }

    private CompletionStage<AdminAnswer> revoke(ObjectNode body) {
        String tokenId = name(body, "jti");
        Instant now = Instant.now();
        Instant until = expiry(body.get("exp"), now);
        if (access.revocations() == null || !access.revocations().revoke(tokenId, until, now)) {
            return done(AdminAnswer.of(Refused.of(503, "this node holds as many revocations as it may; retry when some "
                    + "have expired")));
        }
        int ended = streams.endWhere(pass -> tokenId.equals(pass.tokenId()), AdminService::expiredFrame);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "ok");
        json.put("jti", tokenId);
        json.put("exp", until.getEpochSecond());
        json.put("ended", ended);
        return tellOthers("revoked", Map.of("jti", tokenId, "exp", until.getEpochSecond()), json);
    }

    private int endSubject(String subject) {
        return streams.endWhere(pass -> subject.equals(pass.subject()), pass -> disconnectedFrame());
    }

    private int revokeHere(String tokenId, Instant until) {
        access.revocations().revoke(tokenId, until, Instant.now());
        return streams.endWhere(pass -> tokenId.equals(pass.tokenId()), AdminService::expiredFrame);
    }

    /** Hands the action to the broker for the other nodes; the answer says whether it went. */
    private CompletionStage<AdminAnswer> tellOthers(String type, Map<String, Object> what, Map<String, Object> json) {
        if (!otherNodes) {
            json.put("otherNodes", "none: the memory broker serves this node alone");
            return done(AdminAnswer.ok(json));
        }
        Map<String, Object> message = new LinkedHashMap<>(what);
        message.put("origin", origin);
        String data;
        try {
            data = JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return publisher.announce(CHANNEL, SseEvent.of(type, data)).handle((id, error) -> {
            if (error == null) {
                json.put("otherNodes", "told through the broker: each ends its own streams on receipt");
                return AdminAnswer.ok(json);
            }
            LOG.warn("an admin action could not be handed to the other nodes: {}", error.getMessage());
            return AdminAnswer.of(Refused.of(503, "done on this node (" + json.get("ended") + " stream(s) ended), "
                    + "but the broker could not take it for the other nodes; send it again"));
        });
    }

    private static String name(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRequestException(field + " is required: a non-empty string");
        }
        if (value.asText().length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException(field + " is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return value.asText();
    }

    private static Instant expiry(JsonNode exp, Instant now) {
        if (exp == null || exp.isNull()) {
            return now.plus(DEFAULT_REVOCATION);
        }
        if (!exp.isIntegralNumber() || !exp.canConvertToLong()) {
            throw new InvalidRequestException("exp must be the token's expiry in whole seconds since the epoch");
        }
        Instant until = Instant.ofEpochSecond(exp.asLong());
        if (!until.isAfter(now)) {
            throw new InvalidRequestException("exp " + exp.asLong() + " is past: that token is refused already");
        }
        if (until.isAfter(now.plus(MAX_REVOCATION))) {
            throw new InvalidRequestException("exp " + exp.asLong() + " is more than " + MAX_REVOCATION.toDays()
                    + " days ahead");
        }
        return until;
    }

    private static byte[] disconnectedFrame() {
        return SseEncoder.encode(new SseEvent(null, DISCONNECTED, "{\"reason\":\"an admin ended this subject's streams\"}",
                DISCONNECTED_RETRY_MILLIS));
    }

    private static byte[] expiredFrame(StreamPass pass) {
        return TokenExpired.frame(pass.privateChannels());
    }

    private static CompletionStage<AdminAnswer> done(AdminAnswer answer) {
        return CompletableFuture.completedFuture(Objects.requireNonNull(answer));
    }
}
