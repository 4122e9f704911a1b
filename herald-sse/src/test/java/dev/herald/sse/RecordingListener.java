package dev.herald.sse;

import java.util.ArrayList;
import java.util.List;

/** Records what a parser reports, in the order it reports it: events, retries and comments in one list. */
final class RecordingListener implements SseParser.Listener {

    record Retry(long millis) {
    }

    record Comment(String text) {
    }

    final List<Object> items = new ArrayList<>();

    static ParsedEvent message(String data, String lastEventId) {
        return new ParsedEvent("message", data, lastEventId);
    }

    static ParsedEvent message(String data) {
        return message(data, "");
    }

    @Override
    public void onEvent(ParsedEvent event) {
        items.add(event);
    }

    @Override
    public void onRetry(long retryMillis) {
        items.add(new Retry(retryMillis));
    }

    @Override
    public void onComment(String comment) {
        items.add(new Comment(comment));
    }

    List<ParsedEvent> events() {
        return items.stream().filter(ParsedEvent.class::isInstance).map(ParsedEvent.class::cast).toList();
    }
}
