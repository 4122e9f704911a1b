package dev.herald.serve;

import dev.herald.access.RequestCredentials;
import dev.herald.access.RequestToken;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.QueryString;
import dev.herald.request.SingleValue;
import java.util.List;

/**
 * The parts of an HTTP request the serving core reads, as an adapter takes them from its server's request: plain
 * values, {@code null} for what is absent. The core decodes the query itself ({@link dev.herald.request.QueryString}),
 * strictly, so that every adapter refuses the same malformed query with the same 400.
 */
public interface ServerRequest {

    /** The first value of a header (names are case-insensitive), or null. */
    String header(String name);

    /**
     * Every value of a header, in order; empty when absent. The core reads a header that takes one value through it,
     * to refuse it repeated ({@link SingleValue}). By default only the {@link #header first}, for an adapter that
     * cannot tell.
     */
    default List<String> headers(String name) {
        String value = header(name);
        return value == null ? List.of() : List.of(value);
    }

    /** The query string as received, still percent-encoded, without the {@code ?}; null or empty for none. */
    String rawQuery();

    /**
     * Every value of a cookie of this name, in the order the client sent them; empty when absent. All of them, so that
     * a repeated one is refused ({@link SingleValue}) rather than read by whichever an adapter would keep.
     */
    List<String> cookies(String name);

    /** The TCP peer's address, as the server saw it (a proxy's, behind one). */
    String peerAddress();

    /**
     * The address the limits count this client by: the {@link #peerAddress()} as the adapter gives it; the services
     * read the request behind trusted proxies, where it is the forwarded client's
     * ({@link dev.herald.clients.ForwardedClient}).
     */
    default String clientAddress() {
        return peerAddress();
    }

    /** {@code http} or {@code https}, as the server received the request (a trusted proxy's forwarded one in the services). */
    String scheme();

    /** The {@code Host} header, or HTTP/2's {@code :authority}; null when neither is there. */
    String host();

    /**
     * Whether the client left before the request was served (an earlier handler of the application's waited): a
     * place taken for it would never be given back, since its end is never seen. False when the adapter cannot tell.
     */
    default boolean clientGone() {
        return false;
    }

    /**
     * What the access rules read from this request: {@code Authorization}, the {@value RequestToken#COOKIE} cookie,
     * the query's {@value RequestToken#QUERY_PARAM} when {@code withQueryToken} (a stream's, where allowed; never a
     * publish's), and what tells a same-origin request ({@code Sec-Fetch-Site}, {@code Origin}, the host, the scheme).
     *
     * Each of the three is taken once ({@link SingleValue}): given more than once, the request is refused with a 400
     * naming it, rather than read by a stale value.
     *
     * @throws InvalidRequestException when the query is read and malformed, or a credential is given more than once
     */
    default RequestCredentials credentials(boolean withQueryToken) {
        String queryToken = null;
        if (withQueryToken) {
            queryToken = SingleValue.of("the query parameter " + RequestToken.QUERY_PARAM,
                    QueryString.decode(rawQuery()).get(RequestToken.QUERY_PARAM));
        }
        return new RequestCredentials(SingleValue.of("the Authorization header", headers("Authorization")),
                SingleValue.of("the " + RequestToken.COOKIE + " cookie", cookies(RequestToken.COOKIE)), queryToken,
                header("Sec-Fetch-Site"), header("Origin"), host(), scheme());
    }
}
