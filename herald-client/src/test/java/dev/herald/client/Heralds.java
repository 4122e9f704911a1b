package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.HeraldConfig;
import dev.herald.server.HeraldServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real Herald servers on loopback for the integration tests, and publishing to them over HTTP. */
final class Heralds {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private Heralds() {
    }

    /** Starts a server with that configuration (port 0 for a free one) and waits until it listens. */
    static HeraldServer start(HeraldConfig config) {
        try {
            return HeraldServer.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Herald did not start", e);
        }
    }

    static void stop(HeraldServer server) {
        try {
            server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Herald did not stop", e);
        }
    }

    static URI uri(HeraldServer server, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** Publishes text data on a channel through {@code POST /publish}; returns the event's id. */
    static String publish(HeraldServer server, String channel, String data, String token) {
        return publish(server, channel, data, token, null);
    }

    /** The same with an id the publisher chose, or none for null. */
    static String publish(HeraldServer server, String channel, String data, String token, String id) {
        String body = "{\"channel\":\"" + channel + "\",\"data\":\"" + data + "\""
                + (id == null ? "" : ",\"id\":\"" + id + "\"") + "}";
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, "/publish"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Matcher answer = ID.matcher(response.body());
            assertThat(answer.find()).as(response.body()).isTrue();
            return answer.group(1);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
