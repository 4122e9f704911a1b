package dev.herald.redis.cstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.hub.Hub;
import dev.herald.hub.HubSubscription;
import dev.herald.hub.SseSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client stream on a thread of its own: the frames a hub sends it, after the opening {@code retry}. */
final class StreamClient implements SseSink {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** A frame's id line and data line; either {@code null} when absent. */
    record Frame(String id, String data) {
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private HubSubscription subscription;

    StreamClient(List<ExecutorService> threads) {
        threads.add(thread);
    }

    void subscribe(Hub hub, String lastEventId, String... channels) throws Exception {
        subscription = CompletableFuture.supplyAsync(() -> hub.subscribe(Set.of(channels), lastEventId, this),
                thread).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    void cancel() throws Exception {
        CompletableFuture.runAsync(subscription::cancel, thread).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    Frame next() throws InterruptedException {
        Frame frame = frames.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(frame).as("a frame within " + PATIENCE).isNotNull();
        return frame;
    }

    List<Frame> next(int count) throws InterruptedException {
        List<Frame> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(next());
        }
        return taken;
    }

    /** The frames received so far, taken off the queue. */
    List<Frame> drain() {
        List<Frame> taken = new ArrayList<>();
        frames.drainTo(taken);
        return taken;
    }

    void assertNothingMore() throws InterruptedException {
        assertThat(frames.poll(300, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
    }

    @Override
    public java.util.concurrent.Executor executor() {
        return thread;
    }

    @Override
    public boolean offer(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("retry:")) {
            return true;
        }
        String id = null;
        String data = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("data: ")) {
                data = line.substring(6);
            }
        }
        frames.add(new Frame(id, data));
        return true;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public void abort() {
    }
}
