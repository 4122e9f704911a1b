package dev.herald.examples.client;

import dev.herald.client.EventSource;
import dev.herald.client.EventSourceListener;
import dev.herald.client.TokenExpired;
import dev.herald.sse.ParsedEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

public final class FollowPrivate {

    /**
     * Follows the private channel "alerts", with a token from {@code tokens} asked for again at every connection:
     * when Herald ends the stream because the token expired, the source reconnects with a fresh one and resumes.
     */
    public static EventSource follow(URI herald, Supplier<String> tokens, Consumer<String> out) {
        return EventSource.builder(herald.resolve("/stream?channel=alerts"))
                .headers(() -> Map.of("Authorization", "Bearer " + tokens.get())) // may block to fetch a token
                .connectTimeout(Duration.ofSeconds(5)) // a host that does not answer; the read timeout stays 45 s
                .listener(new EventSourceListener() {
                    @Override
                    public void onEvent(ParsedEvent event) {
                        out.accept(event.data());
                    }

                    @Override
                    public void onTokenExpired(TokenExpired expired) { // reconnecting with the next token
                        out.accept("token expired for " + expired.channels());
                    }
                })
                .build()
                .start();
    }
}
