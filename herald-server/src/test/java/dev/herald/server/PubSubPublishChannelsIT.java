package dev.herald.server;

/** The contract of one event on several channels on the server in Redis Pub/Sub mode. */
class PubSubPublishChannelsIT extends PublishChannelsOnServer {

    PubSubPublishChannelsIT() {
        super(ServerBroker.PUBSUB);
    }
}
