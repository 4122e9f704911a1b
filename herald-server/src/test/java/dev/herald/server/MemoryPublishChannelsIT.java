package dev.herald.server;

/** The contract of one event on several channels on the server in the memory broker. */
class MemoryPublishChannelsIT extends PublishChannelsOnServer {

    MemoryPublishChannelsIT() {
        super(ServerBroker.MEMORY);
    }
}
