package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.hub.HubOptions;
import dev.herald.redis.BrokerOptions;
import dev.herald.redis.testing.RedisServerProcess;
import dev.herald.testing.Chromium;
import dev.herald.testing.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A Herald restart behind nginx with the documented configuration loses no browser: Herald in Redis Streams mode
 * behind a real nginx, EventSource-style clients that reconnect as the spec says ({@link SpecEventSource}) and the
 * page at {@code /} in a real Chromium. Herald stops, and starts again 5 s later on the same port; events are published
 * before (through nginx), during (to a second node on the same Redis, as in a rolling deploy) and after. Every client
 * comes back and has every event, in order, once. Without the documented {@code error_page}, nginx answers the
 * reconnections made during the downtime with a 502, and every EventSource closes for good.
 */
class NginxRestartIT {

    private static final int CLIENTS = 100;
    private static final Duration DOWNTIME = Duration.ofSeconds(5);
    /** Short, so that the clients reach nginx's answer well within the downtime. */
    private static final Duration HERALD_RETRY = Duration.ofSeconds(1);
    /** A stop drains its streams over this window (each gets a last retry of 1 to 2 s), as a deploy does. */
    private static final Duration DRAIN = Duration.ofSeconds(1);

    @Test
    void everyClientAndThePageComeBackAfterARestartWithEveryEventInOrderOnce() throws Exception {
        Nginx.assumePresent();
        Chromium.assumePresent();
        Vertx vertx = Vertx.vertx();
        NetClient http = vertx.createNetClient();
        List<SpecEventSource> clients = new ArrayList<>();
        WebDriver page = null;
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            HeraldConfig config = HeraldConfig.defaults().withPort(freePort())
                    .withBroker(new BrokerOptions.RedisStreams(redis.url(), 1000))
                    .withHub(new HubOptions(HubOptions.HEARTBEAT.defaultValue(), HERALD_RETRY).withDrainTime(DRAIN));
            try (RestartingHerald herald = new RestartingHerald(config);
                 RunningServer otherNode = RunningServer.start(config);
                 Nginx nginx = Nginx.inFrontOf(config.port())) {
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(SpecEventSource.connect(vertx, http, nginx.uri("/stream")));
                }
                page = Chromium.start();
                page.get(nginx.uri("/").toString());
                new WebDriverWait(page, Duration.ofSeconds(10))
                        .until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
                await().atMost(Duration.ofSeconds(20)).until(() -> herald.streamsOpen() == CLIENTS + 1);

                for (int i = 0; i < 5; i++) {
                    notify(nginx.uri("/send_notification"), i);
                }
                awaitEveryone(clients, page, 5);

                CompletableFuture<Void> back = herald.restartAfter(DOWNTIME);
                for (int i = 5; i < 10; i++) {
                    notify(otherNode.uri("/send_notification"), i);
                }
                await().atMost(DOWNTIME).until(() -> clients.stream()
                        .allMatch(client -> client.opens() >= 2 || client.failure() != null));
                assertThat(clients).as("answered nginx's retry stream while Herald was down, none gave up")
                        .allMatch(client -> client.failure() == null, "has not failed");

                back.get(30, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> herald.streamsOpen() == CLIENTS + 1);
                for (int i = 10; i < 15; i++) {
                    notify(nginx.uri("/send_notification"), i);
                }
                awaitEveryone(clients, page, 15);
                assertThat(page.findElement(By.id("transport")).getText()).isEqualTo("live: stream");
            }
        } finally {
            clients.forEach(SpecEventSource::close);
            if (page != null) {
                page.quit();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void notify(java.net.URI sendNotification, int number) {
        HttpResponse<String> sent = TestHttp.post(sendNotification, "{\"message\":\"m" + number + "\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    }

    /** Waits until every client and the page have the first {@code count} notifications, then checks them exactly. */
    private static void awaitEveryone(List<SpecEventSource> clients, WebDriver page, int count) {
        List<String> expected = IntStream.range(0, count).mapToObj(i -> "{\"message\":\"m" + i + "\"}").toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> clients.stream().allMatch(c -> c.events().size() >= count));
        for (SpecEventSource client : clients) {
            assertThat(client.failure()).isNull();
            assertThat(client.data()).as("every event, in order, once").isEqualTo(expected);
        }
        By shown = By.cssSelector("#notification .notification");
        new WebDriverWait(page, Duration.ofSeconds(20)).until(driver -> driver.findElements(shown).size() >= count);
        assertThat(page.findElements(shown)).extracting(WebElement::getText).as("the page, newest first")
                .isEqualTo(IntStream.range(0, count).mapToObj(i -> "m" + (count - 1 - i)).toList());
    }

    /** The Herald behind nginx: stopped, then started again on the same port after a downtime; closed at the end. */
    private static final class RestartingHerald implements AutoCloseable {

        private final HeraldConfig config;
        private volatile CompletableFuture<HeraldServer> current;

        RestartingHerald(HeraldConfig config) {
            this.config = config;
            this.current = CompletableFuture.completedFuture(start(config));
        }

        long streamsOpen() {
            HeraldServer server = current.getNow(null);
            return server == null ? -1 : server.herald().stats().streamsOpen();
        }

        /** Stops Herald now and starts it again after {@code downtime}: the scenario, not a wait for something. */
        CompletableFuture<Void> restartAfter(Duration downtime) throws Exception {
            current.join().stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
            current = CompletableFuture.supplyAsync(() -> start(config),
                    CompletableFuture.delayedExecutor(downtime.toMillis(), TimeUnit.MILLISECONDS));
            return current.thenAccept(started -> { });
        }

        /** Stops whichever Herald runs; a failure to stop is the test's failure. */
        @Override
        public void close() {
            try {
                current.get(30, TimeUnit.SECONDS).stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping Herald", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("Herald did not stop", e);
            }
        }
    }

    private static HeraldServer start(HeraldConfig config) {
        try {
            return HeraldServer.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Herald did not start on port " + config.port(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
