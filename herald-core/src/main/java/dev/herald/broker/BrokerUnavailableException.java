package dev.herald.broker;

/** The broker cannot take or deliver events right now (for example, Redis is unreachable); trying later may work. */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
