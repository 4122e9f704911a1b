package dev.herald.redis;

import dev.herald.broker.AdmittedEvent;
import dev.herald.broker.Broker;
import dev.herald.broker.BrokerListener;
import dev.herald.broker.BrokerSubscription;
import dev.herald.broker.Replay;
import dev.herald.broker.StoredEvent;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** A Redis broker on a Vert.x made for it alone (the application offered none): closing the broker closes it too. */
final class VertxOwningBroker implements Broker {

    private final Broker broker;
    private final Vertx vertx;

    VertxOwningBroker(Broker broker, Vertx vertx) {
        this.broker = broker;
        this.vertx = vertx;
    }

    @Override
    public CompletionStage<StoredEvent> publish(AdmittedEvent event) {
        return broker.publish(event);
    }

    @Override
    public CompletionStage<BrokerSubscription> subscribe(String channel, BrokerListener listener) {
        return broker.subscribe(channel, listener);
    }

    @Override
    public CompletionStage<Replay> replay(Set<String> channels, String lastEventId) {
        return broker.replay(channels, lastEventId);
    }

    @Override
    public CompletionStage<Replay> latest(Set<String> channels, int count) {
        return broker.latest(channels, count);
    }

    @Override
    public void close() {
        broker.close();
        vertx.close();
    }
}
