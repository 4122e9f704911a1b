package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every HTTP adapter of Herald answers the same way when publishers outrun delivery, over real HTTP: a publish
 * waits for room under the node's delivery backlog, and past {@code publish-wait} is refused with {@code 503},
 * {@code Retry-After} and a JSON error, having published nothing; every publish answered 200 reaches every stream.
 *
 * <p>The server runs with {@link #PUBLISH_BACKLOG} and {@link #PUBLISH_WAIT}: each event's fan-out to
 * {@link #STREAMS} streams holds the next publish until it is written, so a burst of {@link #PUBLISHES} concurrent
 * publishes, far more than the loops write in the wait, must be slowed and partly refused, however fast the machine.
 * It lets an address publish at least 10,000 times at once and open {@link #STREAMS} streams. The channels are the
 * test's own.
 */
public abstract class BackpressureContract {

    /** The server's {@code publish-backlog}: one write, so that any fan-out not written yet holds the publishers. */
    public static final int PUBLISH_BACKLOG = 1;
    /** The server's {@code publish-wait}. */
    public static final Duration PUBLISH_WAIT = Duration.ofMillis(5);
    /** Streams on the channel: more than one flush slice of a loop, so each fan-out takes several turns. */
    public static final int STREAMS = 80;
    /** Publishes sent at once. */
    public static final int PUBLISHES = 300;

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Where {@code publish} and {@code stream} are, e.g. {@code http://127.0.0.1:8080/events}. */
    protected abstract URI base();

    /** The node's count of publishes that waited for room (refused ones included). */
    protected abstract long publishesSlowed();

    @Test
    void aPublisherOutrunningDeliveryIsSlowedThenRefusedWith503AndRetryAfterAndNothingAcceptedIsLost() throws Exception {
        String channel = "backpressure-" + UUID.randomUUID();
        List<SseTestClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                streams.add(SseTestClient.connect(URI.create(base() + "/stream?channel=" + channel)));
            }
            // The connections of the burst opened first, so that its publishes arrive together.
            burst("warm-up-" + channel);
            long slowedBefore = publishesSlowed();

            List<HttpResponse<String>> answers = burst(channel);

            Set<String> accepted = new HashSet<>();
            int refused = 0;
            for (HttpResponse<String> answer : answers) {
                JsonNode body = JSON.readTree(answer.body());
                if (answer.statusCode() == 200) {
                    accepted.add(answer.request().headers().firstValue("X-Test-Data").orElseThrow());
                    assertThat(body.path("status").asText()).isEqualTo("success");
                } else {
                    refused++;
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                    assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/json"));
                    assertThat(body.path("status").asText()).isEqualTo("error");
                    assertThat(body.path("message").asText()).contains("was not published");
                }
            }
            assertThat(refused).as("publishes refused past the wait").isPositive();
            assertThat(accepted).as("publishes accepted").isNotEmpty();
            assertThat(publishesSlowed() - slowedBefore).as("publishes that waited, refused ones among them")
                    .isGreaterThanOrEqualTo(refused);

            for (SseTestClient stream : streams) {
                Set<String> received = new HashSet<>();
                for (int i = 0; i < accepted.size(); i++) {
                    received.add(stream.next().data());
                }
                assertThat(received).as("every accepted event, and only those").isEqualTo(accepted);
            }
            streams.get(0).assertNoMoreEvents(Duration.ofMillis(300));
        } finally {
            streams.forEach(SseTestClient::close);
        }
    }

    /** {@link #PUBLISHES} publishes on {@code channel} sent at once; their answers, each with its request. */
    private List<HttpResponse<String>> burst(String channel) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < PUBLISHES; i++) {
            String data = "event " + i;
            String body = JSON.writeValueAsString(java.util.Map.of("channel", channel, "type", "bp", "data", data));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/publish"))
                    .timeout(PATIENCE).header("Content-Type", "application/json").header("X-Test-Data", data)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : sent) {
            answers.add(answer.join());
        }
        return answers;
    }
}
