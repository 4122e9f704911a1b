package dev.herald.server;

/** The batch publish contract on the server in Redis Streams mode. */
class StreamsPublishBatchIT extends PublishBatchOnServer {

    StreamsPublishBatchIT() {
        super(ServerBroker.STREAMS);
    }
}
