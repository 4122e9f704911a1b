package dev.herald.server;

/** The batch publish contract on the server in Redis Pub/Sub mode. */
class PubSubPublishBatchIT extends PublishBatchOnServer {

    PubSubPublishBatchIT() {
        super(ServerBroker.PUBSUB);
    }
}
