package dev.herald.vertx;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The TCP peer's address, as the Vert.x routes read it: the client address the {@link dev.herald.limits.Limits}
 * count by, unless it is a trusted proxy ({@link dev.herald.limits.LimitsOptions#TRUSTED_PROXIES}), whose forwarded
 * client the serving core reads ({@link dev.herald.clients.ForwardedClient}).
 */
final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * The TCP peer's address of a request (never a forwarding header, which any client can write); behind a proxy,
     * the proxy's. "local" for a Unix domain socket.
     */
    static String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return peer == null || peer.host() == null ? "local" : peer.host(); // a Unix domain socket has no host
    }
}
