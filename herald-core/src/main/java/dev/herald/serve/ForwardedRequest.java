package dev.herald.serve;

import dev.herald.clients.ForwardedClient;
import dev.herald.clients.TrustedProxies;
import dev.herald.request.InvalidRequestException;
import java.util.List;

/**
 * A request as its client sent it, behind trusted proxies: the {@link ForwardedClient}'s address, scheme and host in
 * place of the adapter's; every other part is the adapter's. The services read a request through it, so every adapter
 * resolves the client in this one place; an adapter's access log names the client through it too.
 */
public final class ForwardedRequest implements ServerRequest {

    private final ServerRequest request;
    private final ForwardedClient client;

    private ForwardedRequest(ServerRequest request, ForwardedClient client) {
        this.request = request;
        this.client = client;
    }

    /**
     * {@code request} seen through {@code proxies}: itself when no proxy is trusted (no header is read).
     *
     * @throws InvalidRequestException for a forwarding header from a trusted peer that cannot be read
     */
    public static ServerRequest of(TrustedProxies proxies, ServerRequest request) {
        if (proxies.isEmpty() || request instanceof ForwardedRequest) {
            return request;
        }
        return new ForwardedRequest(request, ForwardedClient.resolve(proxies, request.peerAddress(), request.scheme(),
                request.host(), request::headers));
    }

    @Override
    public String clientAddress() {
        return client.address();
    }

    @Override
    public String scheme() {
        return client.scheme();
    }

    @Override
    public String host() {
        return client.host();
    }

    @Override
    public String peerAddress() {
        return request.peerAddress();
    }

    @Override
    public String header(String name) {
        return request.header(name);
    }

    @Override
    public List<String> headers(String name) {
        return request.headers(name);
    }

    @Override
    public String rawQuery() {
        return request.rawQuery();
    }

    @Override
    public List<String> cookies(String name) {
        return request.cookies(name);
    }

    @Override
    public boolean clientGone() {
        return request.clientGone();
    }
}
