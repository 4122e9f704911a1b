package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.publish.Publication;
import dev.herald.request.SseRoutesOptions;
import dev.herald.testing.CountingSubscriber;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client that reads nothing is dropped when its buffer overflows; a hundred others miss nothing. */
class SlowSubscriberIT {

    private static final int SUBSCRIBERS = 100;
    private static final int BATCH = 25;
    private static final int MAX_EVENTS = 10_000;
    private static final Duration MAX_TIME = Duration.ofSeconds(90);
    private static final String PADDING = "p".repeat(4096);

    @Test
    void aStalledClientIsDroppedWhileOthersKeepReceivingEverything() throws Exception {
        try (MountedHerald app = MountedHerald.start(Herald.builder().routes(new SseRoutesOptions(64 * 1024, 64 * 1024, 64)));
             Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            stalled.connect(new InetSocketAddress("127.0.0.1", app.events().getPort()));
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /events/stream?channel=load HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> app.stats().streamsOpen() == 1);

            List<CountingSubscriber> others = new ArrayList<>();
            try {
                for (int i = 0; i < SUBSCRIBERS; i++) {
                    others.add(new CountingSubscriber(app.events("/stream?channel=load")));
                }
                long deadline = System.nanoTime() + MAX_TIME.toNanos();
                int published = 0;
                // Publish in batches, each awaited by the readers, until the stalled one is dropped.
                while (app.stats().subscribersDropped() == 0) {
                    assertThat(published).as("events published before the stalled client was dropped").isLessThan(MAX_EVENTS);
                    assertThat(System.nanoTime()).as("time before the stalled client was dropped").isLessThan(deadline);
                    published = publishBatch(app, published);
                    awaitAll(others, published);
                }
                published = publishBatch(app, published);
                awaitAll(others, published);

                assertThat(app.stats().subscribersDropped()).isEqualTo(1);
                for (CountingSubscriber subscriber : others) {
                    assertThat(subscriber.firstError()).isNull();
                    assertThat(subscriber.received()).isEqualTo(published);
                }
                assertThat(readUntilClosed(stalled.getInputStream())).as("the server closed the stalled stream").isTrue();
            } finally {
                others.forEach(CountingSubscriber::close);
            }
        }
    }

    private static int publishBatch(MountedHerald app, int from) {
        for (int n = from; n < from + BATCH; n++) {
            app.herald.publish(Publication.of("load", n + " " + PADDING).onChannel("load"))
                    .toCompletableFuture().join();
        }
        return from + BATCH;
    }

    private static void awaitAll(List<CountingSubscriber> subscribers, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> subscribers.stream().allMatch(s -> s.received() >= count));
    }

    /** Reads what the server sent; true when the stream ends (EOF) within the time allowed. */
    private static boolean readUntilClosed(InputStream in) throws Exception {
        byte[] chunk = new byte[64 * 1024];
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (in.read(chunk) < 0) {
                return true;
            }
        }
        return false;
    }
}
