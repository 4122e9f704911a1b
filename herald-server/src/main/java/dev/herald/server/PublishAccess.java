package dev.herald.server;

import dev.herald.auth.AccessOptions;
import dev.herald.options.InvalidOptionException;
import dev.herald.options.Loopback;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may publish, decided once at start from the address Herald listens on and whether tokens are checked. With a key,
 * every publisher needs a token. Without one, publishing is open while Herald listens on a loopback address (as the
 * seed's Flask app was); on any other address anyone who reaches it could make every page show what they like, so
 * Herald refuses to start unless told {@code --allow-anonymous-publish}, and then warns.
 */
enum PublishAccess {

    /** A key is set: publishers need a token. */
    TOKENS,
    /** No key, a loopback address: publishing is open to this machine. */
    OPEN_ON_LOOPBACK,
    /** No key, another address, and {@code --allow-anonymous-publish}: publishing is open to anyone. */
    OPEN_BY_CHOICE;

    private static final Logger LOG = LoggerFactory.getLogger(PublishAccess.class);

    /**
     * The access for a listening address ({@code --host}), the access options and {@code --allow-anonymous-publish}.
     *
     * @throws InvalidOptionException naming {@code host} when publishing would be open to anyone without being asked for
     */
    static PublishAccess of(String host, AccessOptions access, boolean allowAnonymousPublish) {
        if (access.tokens().enabled()) {
            return TOKENS;
        }
        if (Loopback.isLoopback(host)) {
            return OPEN_ON_LOOPBACK;
        }
        if (allowAnonymousPublish) {
            return OPEN_BY_CHOICE;
        }
        throw new InvalidOptionException("host", host + " is not a loopback address, so anyone who reaches it could "
                + "publish; set --jwt-secret or --jwt-key to require tokens, or --allow-anonymous-publish to publish openly");
    }

    /** What to warn about at start, if anything. */
    Optional<String> startWarning() {
        return this == OPEN_BY_CHOICE
                ? Optional.of("POST /publish, POST /publish/batch and POST /send_notification are open to anyone who "
                        + "reaches Herald (--allow-anonymous-publish, no --jwt-secret or --jwt-key)")
                : Optional.empty();
    }

    /** Logs {@link #startWarning()} once, as a warning; called by whoever starts Herald. */
    void warnAtStart() {
        startWarning().ifPresent(warning -> LOG.warn(warning));
    }
}
