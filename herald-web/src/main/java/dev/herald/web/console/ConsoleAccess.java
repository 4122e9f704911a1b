package dev.herald.web.console;

import dev.herald.access.AccessControl;
import dev.herald.access.AccessRefusedException;
import dev.herald.access.RequestCredentials;
import dev.herald.access.RequestToken;
import dev.herald.clients.TrustedProxies;
import dev.herald.options.Loopback;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.SingleValue;
import dev.herald.serve.ForwardedRequest;
import dev.herald.serve.ServerRequest;
import java.time.Instant;
import java.util.Locale;

/**
 * Who may use the console, the one rule every console route and adapter applies: in mode {@link ConsoleMode#AUTO}, a
 * node that listens on loopback only opens it without a token to a client on this machine (behind a trusted proxy, the
 * client it forwards counts, not the proxy); otherwise only an admin token opens it ({@link AccessControl#admitAdmin}),
 * brought as {@code Authorization: Bearer} or as the console's cookie {@value #COOKIE}. Thread-safe.
 */
public final class ConsoleAccess {

    /** The console's session cookie: an admin token, HttpOnly, for the console's paths only. */
    public static final String COOKIE = "herald_console";

    private final ConsoleOptions options;
    private final AccessControl access;
    private final TrustedProxies proxies;

    public ConsoleAccess(ConsoleOptions options, AccessControl access, TrustedProxies proxies) {
        this.options = options;
        this.access = access;
        this.proxies = proxies;
    }

    /**
     * Whether {@code received} may use the console, and why.
     *
     * @throws AccessRefusedException   401 without a token or with a bad one, 403 for a token that is not an admin's
     *                                  (or no key configured), when the console is not open to the request
     * @throws InvalidRequestException  for a forwarding header, an {@code Authorization} header or a console cookie
     *                                  that cannot be read (given twice)
     */
    public ConsoleGrant admit(ServerRequest received) {
        ServerRequest request = ForwardedRequest.of(proxies, received);
        boolean open = options.mode() == ConsoleMode.AUTO && options.loopbackBind()
                && Loopback.isLoopback(request.clientAddress()) && loopbackHost(request.host());
        RequestCredentials credentials = credentials(request);
        if (open && RequestToken.of(credentials, false) == null) {
            return new ConsoleGrant(true, null); // no token to look at: nothing refused, nothing counted
        }
        try {
            return new ConsoleGrant(open, access.admitAdmin(() -> credentials));
        } catch (AccessRefusedException refused) {
            if (open) {
                return new ConsoleGrant(true, null);
            }
            throw refused;
        }
    }

    /**
     * The expiry of {@code token} when it is an admin's, as a sign-in gives it (in the body, not a header).
     *
     * @throws AccessRefusedException 401 for a bad token, 403 for one that is not an admin's (or no key configured)
     */
    public Instant admitToken(String token, ServerRequest received) {
        ServerRequest request = ForwardedRequest.of(proxies, received);
        RequestCredentials credentials = new RequestCredentials("Bearer " + token, null, null, null, null,
                request.host(), request.scheme());
        return access.admitAdmin(() -> credentials);
    }

    /** Whether the request came over HTTPS, as its client sent it (behind a trusted proxy, the proxy's word). */
    public boolean secure(ServerRequest received) {
        return "https".equalsIgnoreCase(ForwardedRequest.of(proxies, received).scheme());
    }

    /**
     * Whether the request names this machine in its {@code Host}: {@code localhost}, a name under {@code .localhost}
     * (RFC 6761, 6.3) or a loopback literal, with or without a port. A page of another site that had its own name
     * resolve to 127.0.0.1 (DNS rebinding) sends that name, so an open console is never read from another origin.
     */
    static boolean loopbackHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            name = end < 0 ? name : name.substring(0, end + 1);
        } else if (name.indexOf(':') == name.lastIndexOf(':') && name.indexOf(':') >= 0) {
            name = name.substring(0, name.indexOf(':'));
        }
        return Loopback.isLoopback(name) || name.endsWith(".localhost");
    }

    private static RequestCredentials credentials(ServerRequest request) {
        return new RequestCredentials(SingleValue.of("the Authorization header", request.headers("Authorization")),
                SingleValue.of("the " + COOKIE + " cookie", request.cookies(COOKIE)), null,
                request.header("Sec-Fetch-Site"), request.header("Origin"), request.host(), request.scheme());
    }
}
