package dev.herald.hub;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The subscribers of one channel on one loop. A join appends; a leave fills its gap with the last subscriber. Both
 * cost O(1) whatever the channel's size (amortised: the array doubles when full and halves when a quarter full), so a
 * storm of N clients joining or leaving one channel costs O(N), not O(N²). Confined to its shard's loop.
 *
 * <p>Each subscriber's slot is kept by {@link LoopShard}, which hands it back to {@link #remove} and is told through
 * {@link Moves} when a subscriber changes slot.
 */
final class ChannelSubscribers {

    private static final int INITIAL_CAPACITY = 4;

    /** Told that {@code subscriber} now sits at {@code slot} of {@code channel}, after another one left. */
    interface Moves {
        void moved(Subscriber subscriber, String channel, int slot);
    }

    final String channel;
    private Subscriber[] items = new Subscriber[INITIAL_CAPACITY];
    private int size;

    ChannelSubscribers(String channel) {
        this.channel = channel;
    }

    /** Appends; returns the slot it took. */
    int add(Subscriber subscriber) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size] = subscriber;
        return size++;
    }

    /** Removes the subscriber at {@code slot}, moving the last one into it (reported to {@code moves}). */
    void remove(int slot, Moves moves) {
        int last = --size;
        if (slot != last) {
            Subscriber moved = items[last];
            items[slot] = moved;
            moves.moved(moved, channel, slot);
        }
        items[last] = null;
        if (items.length > INITIAL_CAPACITY && size <= items.length / 4) {
            items = Arrays.copyOf(items, items.length / 2);
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /**
     * Hands the dispatch to every subscriber, last slot first, and tells {@code toFlush} of each that now has
     * something to flush.
     *
     * <p>Why backwards: a subscriber may leave during the walk (a slow client dropped; on HTTP/2 others on its
     * connection with it). A leave moves the last subscriber into the gap. Walking down, every slot above the cursor
     * has been visited, so a move never carries an unvisited subscriber past the cursor; at worst a visited one comes
     * round again, and {@link Subscriber#deliver} ignores an event it already has.
     */
    void deliver(Dispatch dispatch, Consumer<Subscriber> toFlush) {
        for (int slot = size - 1; slot >= 0; slot = Math.min(slot - 1, size - 1)) {
            Subscriber subscriber = items[slot];
            if (subscriber.deliver(dispatch)) {
                toFlush.accept(subscriber);
            }
        }
    }
}
