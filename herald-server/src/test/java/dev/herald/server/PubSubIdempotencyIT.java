package dev.herald.server;

/** The idempotent publish contract on the server in Redis Pub/Sub mode. */
class PubSubIdempotencyIT extends IdempotencyOnServer {

    PubSubIdempotencyIT() {
        super(ServerBroker.PUBSUB);
    }
}
