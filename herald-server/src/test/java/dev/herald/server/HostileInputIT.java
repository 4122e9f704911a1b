package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.access.ChannelPatterns;
import dev.herald.auth.AccessOptions;
import dev.herald.limits.LimitsOptions;
import dev.herald.server.HostileRequests.Published;
import dev.herald.server.webhook.GitHubWebhookOptions;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.CapturedLog;
import dev.herald.testing.RawHttp;
import dev.herald.testing.SseTestClient;
import dev.herald.testing.TestTokens;
import dev.herald.vertx.JsonHttp;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A fuzz campaign over real HTTP on loopback: seeded hostile requests against the stream, publish, notification and
 * webhook paths (see {@link HostileRequests}). Whatever arrives, Herald never answers 500, never leaves a connection
 * hanging, logs no error, and a stream carries exactly the events publishers had accepted, field for field.
 *
 * <p>{@code -Dherald.fuzz.seed=N} replays a campaign; {@code -Dherald.fuzz.count=N} sets its size (default 3,000,
 * bounded to two minutes).
 */
class HostileInputIT {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration CAMPAIGN_LIMIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noInputMakesHeraldAnswer500HangOrSendWhatNoPublisherSent() throws Exception {
        long seed = Long.getLong("herald.fuzz.seed", System.nanoTime());
        int count = Integer.getInteger("herald.fuzz.count", 3000);
        HostileRequests requests = new HostileRequests(seed);
        Map<Integer, Integer> statuses = new TreeMap<>();
        // A publisher's own id may repeat: the events of one id arrive in the order they were accepted.
        Map<String, Deque<Published>> accepted = new HashMap<>();
        int acceptedCount = 0;
        Map<String, String> others = new HashMap<>(); // ids of other publishes, to tell where a stray event came from
        int sent = 0;

        // Every request comes from 127.0.0.1: the per-address limits are raised so that they do not hide what is tested.
        try (RunningServer herald = RunningServer.start(HeraldConfig.defaults()
                        .withLimits(
                                LimitsOptions.builder().maxStreams(10_000).maxStreamsPerClient(10_000)
                                        .publishRate(1_000_000).build()));
             CapturedLog ours = CapturedLog.of(JsonHttp.class);
             CapturedLog router = CapturedLog.of(RoutingContext.class);
             // where Vert.x reports what escaped every handler: a request that was never answered
             CapturedLog unhandled = CapturedLog.of("io.vertx.core.impl.ContextImpl");
             SseTestClient watcher = SseTestClient.connect(herald.uri("/stream?channel=" + HostileRequests.CHANNEL))) {
            URI base = herald.uri("/");
            long end = System.nanoTime() + CAMPAIGN_LIMIT.toNanos();
            for (; sent < count && System.nanoTime() < end; sent++) {
                HostileRequests.Request request = requests.next();
                String context = "seed " + seed + ", request " + sent + ": " + RawHttp.preview(request.bytes());
                RawHttp.Answer answer;
                try {
                    answer = RawHttp.exchange(base, request.bytes(), DEADLINE);
                } catch (RawHttp.HungException hung) {
                    throw new AssertionError("a hung connection, " + context + " [" + new String(request.bytes(),
                            java.nio.charset.StandardCharsets.ISO_8859_1).length() + " bytes]", hung);
                }
                assertThat(answer.status()).as(context).isNotEqualTo(500);
                statuses.merge(answer.status(), 1, Integer::sum);
                if (request.published() != null && answer.status() == 200) {
                    accepted.computeIfAbsent(JSON.readTree(body(answer.text())).get("id").asText(), id -> new ArrayDeque<>())
                            .add(request.published());
                    acceptedCount++;
                } else if (answer.status() == 200 && body(answer.text()).startsWith("{\"status\":\"success\",\"id\"")) {
                    others.put(JSON.readTree(body(answer.text())).get("id").asText(), context);
                }
            }
            ours.assertNothingLogged();
            router.assertNothingLogged();
            unhandled.assertNothingLogged();

            List<ParsedEvent> events = watcher.next(acceptedCount);
            for (ParsedEvent event : events) {
                Deque<Published> ofId = accepted.get(event.lastEventId());
                Published published = ofId == null ? null : ofId.poll();
                assertThat(published).as("seed %d: an event no publisher sent on %s: %s (from: %s)", seed,
                        HostileRequests.CHANNEL, event, others.get(event.lastEventId())).isNotNull();
                assertThat(event.type()).as("seed %d: type", seed).isEqualTo(published.type() == null ? "message" : published.type());
                // A stream can carry no lone CR in data: every line break arrives as LF (WHATWG HTML, 9.2.6).
                assertThat(event.data()).as("seed %d: data", seed)
                        .isEqualTo(published.data().replace("\r\n", "\n").replace('\r', '\n'));
            }
            watcher.assertNoMoreEvents(Duration.ofMillis(300));
        }
        System.out.printf("HostileInputIT: %d requests (seed %d), answers by status %s, %d publishes checked on a stream%n",
                sent, seed, statuses, acceptedCount);
        assertThat(sent).as("the campaign ran").isGreaterThan(Math.min(count, 500));
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void brokenAndForgedTokensNeitherOpenAPrivateStreamNorPublish() throws Exception {
        long seed = Long.getLong("herald.fuzz.seed", System.nanoTime());
        int count = Integer.getInteger("herald.fuzz.count", 3000) / 3;
        HostileTokens tokens = new HostileTokens(seed);
        Random random = new Random(seed);
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        AccessOptions access = AccessOptions.tokens(TestTokens.OPTIONS)
                .withPrivateChannels(ChannelPatterns.parse(HostileTokens.PRIVATE)).withQueryToken(true);
        try (RunningServer herald = RunningServer.start(HeraldConfig.defaults().withAccess(access)
                        .withLimits(
                                LimitsOptions.builder().maxStreams(10_000).maxStreamsPerClient(10_000)
                                        .publishRate(1_000_000).build())
                        .withGitHubWebhook(GitHubWebhookOptions.defaults().withSecret("a webhook secret for the campaign")));
             CapturedLog ours = CapturedLog.of(JsonHttp.class);
             CapturedLog unhandled = CapturedLog.of("io.vertx.core.impl.ContextImpl")) {
            URI base = herald.uri("/");
            long end = System.nanoTime() + CAMPAIGN_LIMIT.toNanos();
            for (; sent < count && System.nanoTime() < end; sent++) {
                if (random.nextInt(4) == 0) {
                    forgedDelivery(base, random, seed, sent, statuses);
                    continue;
                }
                HostileTokens.Token token = tokens.next();
                boolean stream = random.nextBoolean();
                int carrier = random.nextInt(3);
                // RFC 6750 names the scheme "Bearer" and one space: another spelling may or may not be taken
                boolean oddScheme = carrier == 0 && random.nextInt(8) == 0;
                String target = stream ? "/stream?channel=" + HostileTokens.PRIVATE + (random.nextBoolean() ? "&channel=sse" : "")
                        : "/publish";
                if (carrier == 2) {
                    target += (stream ? "&" : "?") + "access_token=" + token.value();
                }
                String body = stream ? "" : "{\"channel\":\"" + HostileTokens.PRIVATE + "\",\"data\":\"x\"}";
                String head = (stream ? "GET " : "POST ") + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        + (carrier == 0 ? "Authorization: " + (oddScheme ? "bearer  " : "Bearer ") + token.value() + "\r\n" : "")
                        + (carrier == 1 ? "Cookie: herald_token=" + token.value() + "\r\n" : "")
                        + (stream ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n") + "\r\n";
                byte[] request = (head + body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                String context = "seed " + seed + ", request " + sent + " (" + (token.good() ? "good" : "bad") + " token): "
                        + RawHttp.preview(request);
                RawHttp.Answer answer;
                try {
                    answer = RawHttp.exchange(base, request, DEADLINE);
                } catch (RawHttp.HungException hung) {
                    throw new AssertionError("a hung connection, " + context, hung);
                }
                statuses.merge(answer.status(), 1, Integer::sum);
                // publishing never takes a token from the query (URLs end up in logs): a good one there is no token
                boolean mustPass = token.good() && !(carrier == 2 && !stream);
                if (mustPass && !oddScheme) {
                    assertThat(answer.status()).as(context).isEqualTo(200);
                    assertThat(answer.eventStream()).as(context).isEqualTo(stream);
                } else if (!mustPass) {
                    assertThat(answer.status()).as(context).isIn(400, 401, 403, 414, 431);
                } else {
                    assertThat(answer.status()).as(context).isIn(200, 401);
                }
            }
            ours.assertNothingLogged();
            unhandled.assertNothingLogged();
        }
        System.out.printf("HostileInputIT: %d token and webhook-signature requests (seed %d), answers by status %s%n",
                sent, seed, statuses);
    }

    /** A GitHub delivery whose signature is wrong in one of many ways: it must be refused, never published. */
    private static void forgedDelivery(URI base, Random random, long seed, int sent, Map<Integer, Integer> statuses)
            throws Exception {
        String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"acme/app\"}}";
        String hex = Long.toHexString(random.nextLong()).repeat(4);
        String signature = List.of("sha256=" + hex, "sha256=" + hex.toUpperCase(java.util.Locale.ROOT), "sha1=" + hex,
                "sha256=", "", "sha256=" + hex.substring(1), "sha256=zz" + hex.substring(2), "SHA256=" + hex)
                .get(random.nextInt(8));
        byte[] request = ("POST /webhook/github HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nX-GitHub-Event: push\r\nX-GitHub-Delivery: d-" + sent + "\r\n"
                + (random.nextInt(6) == 0 ? "" : "X-Hub-Signature-256: " + signature + "\r\n")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.exchange(base, request, DEADLINE);
        statuses.merge(answer.status(), 1, Integer::sum);
        assertThat(answer.status()).as("seed %d, request %d: %s", seed, sent, RawHttp.preview(request)).isEqualTo(401);
    }
}
