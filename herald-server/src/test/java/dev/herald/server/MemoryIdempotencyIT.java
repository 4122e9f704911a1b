package dev.herald.server;

/** The idempotent publish contract on the server in the memory broker. */
class MemoryIdempotencyIT extends IdempotencyOnServer {

    MemoryIdempotencyIT() {
        super(ServerBroker.MEMORY);
    }
}
