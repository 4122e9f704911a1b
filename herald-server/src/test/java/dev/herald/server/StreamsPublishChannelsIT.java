package dev.herald.server;

/** The contract of one event on several channels on the server in Redis Streams mode. */
class StreamsPublishChannelsIT extends PublishChannelsOnServer {

    StreamsPublishChannelsIT() {
        super(ServerBroker.STREAMS);
    }
}
