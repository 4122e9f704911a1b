package dev.herald.server;

/** The idempotent publish contract on the server in Redis Streams mode. */
class StreamsIdempotencyIT extends IdempotencyOnServer {

    StreamsIdempotencyIT() {
        super(ServerBroker.STREAMS);
    }
}
