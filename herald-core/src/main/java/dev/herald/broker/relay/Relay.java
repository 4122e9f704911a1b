package dev.herald.broker.relay;

import dev.herald.sse.InvalidEventException;
import dev.herald.sse.SseEvent;
import java.util.concurrent.CompletionStage;

/**
 * Carries events between the nodes of a cluster and keeps nothing: Redis Pub/Sub is one. A relay has no order,
 * ids or history of its own; {@link RelayedBroker} gives it those by feeding what it receives into a memory broker
 * on each node.
 *
 * <p>What an implementation promises:
 * <ul>
 *   <li>Events travel as messages: {@link #encode} gives an event's message, and the message a node receives is
 *       exactly the one sent ({@link #decode} reads messages from any sender, this one or another program).</li>
 *   <li>{@link #send} delivers the message to the {@link Receiver} of every node that holds the channel when the
 *       backend takes it, this node included; it completes once the backend took it, and fails with
 *       {@link dev.herald.broker.BrokerUnavailableException} when the backend is unreachable.</li>
 *   <li>One node receives the messages of all its channels in one order, the backend's, on one thread at a
 *       time. A sharded backend (Redis Cluster) has an order per shard: the node receives each shard's messages in
 *       that shard's order, interleaved as they arrive.</li>
 *   <li>{@link #hold} completes once the backend confirmed that the channel's messages reach this node; while the
 *       backend is unreachable it waits, and completes once the channel is held again.</li>
 *   <li>When the connection to the backend is lost, {@link Receiver#lost} is called, and {@link Receiver#restored}
 *       once every held channel is held again; what is sent on a channel before it is held again does not reach this
 *       node, and a channel held again may deliver messages before {@link Receiver#restored} (the others are not held
 *       yet).</li>
 * </ul>
 */
public interface Relay extends AutoCloseable {

    /** What a relay reports to its node; called on one thread at a time, in the backend's order. */
    interface Receiver {
        /** A message some node (or another program) sent on a channel this node holds. */
        void received(String channel, String message);

        /**
         * The connection to the backend was lost: messages sent on a channel from now on will not arrive until it is
         * held again, at the latest by {@link #restored}.
         */
        void lost();

        /** Every held channel is held again after {@link #lost}. */
        void restored();
    }

    /** Connects and starts delivering to the receiver; called once, first. Fails when the backend is unreachable. */
    CompletionStage<Void> start(Receiver receiver);

    /** The message that carries an event; equal events give equal messages. */
    String encode(SseEvent event);

    /**
     * The event a received message carries.
     *
     * @throws InvalidEventException when the message is not one this relay's format can read
     */
    SseEvent decode(String message);

    /** Sends a message to every node holding the channel. */
    CompletionStage<Void> send(String channel, String message);

    /**
     * Whether {@link #sendAll} sends its messages at once (no other message between them at any receiver), so that a
     * receiving node stores them as one event: only then does {@link RelayedBroker} publish one event on several
     * channels. By default false.
     */
    default boolean sendsAllAtOnce() {
        return false;
    }

    /**
     * Sends one message on several channels. A relay that sends them <em>at once</em> (no other message between them
     * at any receiver: Redis runs one script) makes a receiving node store them as one event; this default sends them
     * one after the other, so other messages may come between and a node stores a separate event per channel (with
     * the same id).
     */
    default CompletionStage<Void> sendAll(java.util.List<String> channels, String message) {
        CompletionStage<Void> chain = java.util.concurrent.CompletableFuture.completedFuture(null);
        for (String channel : channels) {
            chain = chain.thenCompose(sent -> send(channel, message));
        }
        return chain;
    }

    /** Holds a channel, so that its messages reach this node; each call is matched by one {@link #release}. */
    CompletionStage<Void> hold(String channel);

    /** Lets go of a channel held by {@link #hold}; the last holder to let go stops its delivery. */
    void release(String channel);

    /** Whether {@link #holdPattern} is available. By default false. */
    default boolean holdsPatterns() {
        return false;
    }

    /**
     * Holds every channel a pattern ({@link dev.herald.access.ChannelPattern}'s grammar) matches, those that appear
     * later too, as {@link #hold} holds one; each call is matched by one {@link #releasePattern}. A message reaches the
     * receiver once, however many held channels and patterns match its channel.
     *
     * @throws UnsupportedOperationException when {@link #holdsPatterns()} is false
     */
    default CompletionStage<Void> holdPattern(String pattern) {
        throw new UnsupportedOperationException("this relay does not hold patterns");
    }

    /** Lets go of a pattern held by {@link #holdPattern}. */
    default void releasePattern(String pattern) {
        throw new UnsupportedOperationException("this relay does not hold patterns");
    }

    @Override
    void close();
}
