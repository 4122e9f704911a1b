package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.HostileRequests.Published;
import dev.herald.sse.ParsedEvent;
import dev.herald.testing.CapturedLog;
import dev.herald.vertx.JsonHttp;
import dev.herald.vertx.LimitsOptions;
import dev.herald.vertx.testing.SseTestClient;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
                        .withLimits(new LimitsOptions(10_000, 10_000, 1_000_000)));
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
}
