package dev.herald.redis;

import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.relay.Relay;
import dev.herald.broker.relay.RelayedBroker;
import dev.herald.sse.SseEvent;
import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What Herald's two Redis relays share, written once: flask-sse's message ({@link FlaskSseCodec}); a subscription
 * connection ({@link SubscriptionConnection}) that holds each channel while the node holds it and reports its outages
 * to the {@link RelayedBroker} in front; a send as one request whose failure is a
 * {@link BrokerUnavailableException}. They differ in their commands only: {@code pubsub.PubSubRelay} on one Redis
 * ({@code PUBLISH}, {@code SUBSCRIBE}, patterns, several channels at once by a script), {@code cluster.ShardedPubSubRelay}
 * on a Redis Cluster ({@code SPUBLISH}, {@code SSUBSCRIBE}, no patterns, several channels one after the other).
 *
 * @param <S> the subscription connection, which a subclass may ask for more (patterns)
 */
public abstract class RedisRelay<S extends SubscriptionConnection> implements Relay {

    /** The backend as a failed send names it: "Redis", "Redis Cluster". */
    private final String backend;
    /** The node's subscription connection; its listener feeds the receiver. */
    protected final S subscriber;
    private volatile Receiver receiver;

    /**
     * A relay over {@code backend}, its subscription connection made by {@code subscriber} around the listener that
     * passes what the connection reports on to the receiver.
     */
    protected RedisRelay(String backend, Function<RedisChannelSubscriber.Listener, S> subscriber) {
        this.backend = backend;
        this.subscriber = subscriber.apply(new RedisChannelSubscriber.Listener() {
            @Override
            public void onMessage(String channel, String message) {
                receiver.received(channel, message);
            }

            @Override
            public void onLost() {
                receiver.lost();
            }

            @Override
            public void onRestored() {
                receiver.restored();
            }
        });
    }

    /** The request that publishes {@code message} on one channel. */
    protected abstract Request publish(String channel, String message);

    /** Sends one request over this relay's command connections. */
    protected abstract Future<Response> request(Request request);

    /** Closes this relay's command connections (its subscriptions are closed first). */
    protected abstract void closeCommands();

    @Override
    public CompletionStage<Void> start(Receiver newReceiver) {
        this.receiver = newReceiver;
        return subscriber.start().toCompletionStage();
    }

    @Override
    public String encode(SseEvent event) {
        return FlaskSseCodec.encode(event);
    }

    @Override
    public SseEvent decode(String message) {
        return FlaskSseCodec.decode(message);
    }

    @Override
    public CompletionStage<Void> send(String channel, String message) {
        return taken(request(publish(channel, message)));
    }

    /** Completes once the backend took {@code request}; fails with {@link BrokerUnavailableException} else. */
    protected final CompletionStage<Void> taken(Future<Response> request) {
        return request.toCompletionStage()
                .handle((reply, error) -> {
                    if (error != null) {
                        throw new BrokerUnavailableException(backend + " did not take the event: " + error.getMessage(),
                                error);
                    }
                    return null;
                });
    }

    @Override
    public CompletionStage<Void> hold(String channel) {
        return subscriber.subscribe(channel);
    }

    @Override
    public void release(String channel) {
        subscriber.unsubscribe(channel);
    }

    @Override
    public void close() {
        subscriber.close();
        closeCommands();
    }
}
