package dev.herald.vertx;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** The client address the {@link dev.herald.limits.Limits} count by, as the Vert.x routes read it. */
final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * The client address of a request: its TCP peer's (never a forwarded-for header, which any client can write).
     * Behind a proxy, that is the proxy's for every client.
     */
    static String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return peer == null || peer.host() == null ? "local" : peer.host(); // a Unix domain socket has no host
    }
}
