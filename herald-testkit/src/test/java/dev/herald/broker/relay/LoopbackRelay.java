package dev.herald.broker.relay;

import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.ChannelNames;
import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A relay inside one process, for tests beside the real Redis one: one thread delivers every message, in send order,
 * to the node if it holds the channel or a pattern matching it. Messages are {@code type|data}; {@link #cut} and {@link #restore} play an
 * outage (holds wait through it, as the {@link Relay} contract says), {@link #drop} one not noticed yet.
 */
final class LoopbackRelay implements Relay {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "loopback-relay");
        t.setDaemon(true);
        return t;
    });
    // confined to thread
    private final Map<String, Integer> holders = new HashMap<>();
    private final Map<String, Integer> patternHolders = new HashMap<>();
    private final List<CompletableFuture<Void>> holdsAfterRestore = new ArrayList<>();
    private Receiver receiver;
    private boolean cut;

    @Override
    public CompletionStage<Void> start(Receiver newReceiver) {
        return CompletableFuture.runAsync(() -> receiver = newReceiver, thread);
    }

    @Override
    public String encode(SseEvent event) {
        return event.id() + "|" + (event.type() == null ? "" : event.type()) + "|"
                + (event.retryMillis() == null ? "" : event.retryMillis()) + "|" + event.data();
    }

    @Override
    public SseEvent decode(String message) {
        String[] parts = message.split("\\|", 4);
        if (parts.length != 4) {
            throw new InvalidEventException("not a loopback message: " + message);
        }
        return new SseEvent("null".equals(parts[0]) ? null : parts[0], parts[1].isEmpty() ? null : parts[1], parts[3],
                parts[2].isEmpty() ? null : Long.valueOf(parts[2]));
    }

    @Override
    public CompletionStage<Void> send(String channel, String message) {
        return CompletableFuture.supplyAsync(() -> {
            if (cut) {
                throw new BrokerUnavailableException("the loopback relay is cut", null);
            }
            if (delivers(channel)) {
                receiver.received(channel, message);
            }
            return null;
        }, thread);
    }

    /** Whether the node holds the channel, or a pattern matching it; on the thread. */
    private boolean delivers(String channel) {
        return holders.containsKey(channel)
                || patternHolders.keySet().stream().anyMatch(pattern -> ChannelNames.receives(pattern, channel));
    }

    /** Whether the node holds the channel or pattern ({@link ChannelNames#isPattern}) now. */
    boolean holds(String subscription) {
        return CompletableFuture.supplyAsync(() -> (ChannelNames.isPattern(subscription) ? patternHolders : holders)
                .containsKey(subscription), thread).join();
    }

    /** At once, as Redis runs a script: no other message between them. */
    /** Delivered in one go, on one thread: nothing comes between the channels' messages. */
    @Override
    public boolean sendsAllAtOnce() {
        return true;
    }

    @Override
    public CompletionStage<Void> sendAll(List<String> channels, String message) {
        return CompletableFuture.supplyAsync(() -> {
            if (cut) {
                throw new BrokerUnavailableException("the loopback relay is cut", null);
            }
            for (String channel : channels) {
                if (delivers(channel)) {
                    receiver.received(channel, message);
                }
            }
            return null;
        }, thread);
    }

    /** A message from another program, straight onto the channel. */
    void inject(String channel, String message) {
        thread.execute(() -> {
            if (delivers(channel)) {
                receiver.received(channel, message);
            }
        });
    }

    @Override
    public CompletionStage<Void> hold(String channel) {
        return hold(holders, channel);
    }

    @Override
    public boolean holdsPatterns() {
        return true;
    }

    @Override
    public CompletionStage<Void> holdPattern(String pattern) {
        return hold(patternHolders, pattern);
    }

    @Override
    public void releasePattern(String pattern) {
        thread.execute(() -> patternHolders.computeIfPresent(pattern, (name, count) -> count > 1 ? count - 1 : null));
    }

    private CompletionStage<Void> hold(Map<String, Integer> held, String subscription) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        thread.execute(() -> {
            held.merge(subscription, 1, Integer::sum);
            if (cut) {
                holdsAfterRestore.add(confirmed);
            } else {
                confirmed.complete(null);
            }
        });
        return confirmed;
    }

    @Override
    public void release(String channel) {
        thread.execute(() -> holders.computeIfPresent(channel, (name, count) -> count > 1 ? count - 1 : null));
    }

    /** Plays a lost connection the receiver has not noticed yet; completes once sends fail and holds wait. */
    CompletionStage<Void> drop() {
        return CompletableFuture.runAsync(() -> cut = true, thread);
    }

    /** Plays a lost connection; completes once the receiver was told. */
    CompletionStage<Void> cut() {
        return CompletableFuture.runAsync(() -> {
            cut = true;
            receiver.lost();
        }, thread);
    }

    /** Plays a restored connection; completes once the receiver was told. */
    CompletionStage<Void> restore() {
        return CompletableFuture.runAsync(() -> {
            cut = false;
            receiver.restored();
            holdsAfterRestore.forEach(held -> held.complete(null));
            holdsAfterRestore.clear();
        }, thread);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
