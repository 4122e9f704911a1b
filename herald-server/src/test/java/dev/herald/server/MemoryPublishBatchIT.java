package dev.herald.server;

/** The batch publish contract on the server in the memory broker. */
class MemoryPublishBatchIT extends PublishBatchOnServer {

    MemoryPublishBatchIT() {
        super(ServerBroker.MEMORY);
    }
}
