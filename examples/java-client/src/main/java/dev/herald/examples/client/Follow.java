package dev.herald.examples.client;

import dev.herald.client.EventSource;
import dev.herald.client.EventSourceException;
import dev.herald.client.EventSourceListener;
import dev.herald.client.HistoryGone;
import dev.herald.sse.ParsedEvent;
import java.net.URI;
import java.util.function.Consumer;

public final class Follow {

    /** Follows channel "sse" of the Herald at {@code herald}, telling {@code out} what arrives, until closed. */
    public static EventSource follow(URI herald, Consumer<String> out) {
        return EventSource.builder(herald.resolve("/stream?channel=sse"))
                // .header("Authorization", "Bearer " + token) for a private channel
                .listener(new EventSourceListener() {
                    @Override
                    public void onEvent(ParsedEvent event) { // e.g. notify {"message":"Hello World"}
                        out.accept(event.type() + " " + event.data());
                    }

                    @Override
                    public void onHistoryGone(HistoryGone gone) {
                        out.accept("events were lost on " + gone.channels());
                    }

                    @Override
                    public void onError(EventSourceException error) { // the source reconnects by itself after most
                        out.accept("stream error: " + error.getMessage());
                    }
                })
                .build()
                .start(); // reconnects, resuming with Last-Event-ID, until close()
    }

    public static void main(String[] args) throws InterruptedException {
        follow(URI.create(args.length > 0 ? args[0] : "http://localhost:8080/"), System.out::println);
        Thread.currentThread().join(); // the source's threads are daemons: keep the program running
    }
}
