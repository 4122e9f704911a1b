package dev.herald.presence;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What {@code GET /presence} answers: {@code {"channel":"room-1","streams":3,"subjects":["alice","bob"]}}.
 *
 * @param channel  the channel asked about
 * @param streams  streams open on it across every node, with or without a token subject
 * @param subjects the token subjects ({@code sub}) of those streams that have one, in order, each once
 */
public record PresenceCount(String channel, int streams, List<String> subjects) {

    public PresenceCount {
        subjects = List.copyOf(subjects);
    }

    /** This count as JSON, in UTF-8. */
    public byte[] json() {
        StringBuilder json = new StringBuilder("{\"channel\":").append(quote(channel)).append(",\"streams\":")
                .append(streams).append(",\"subjects\":[");
        for (int i = 0; i < subjects.size(); i++) {
            json.append(i == 0 ? "" : ",").append(quote(subjects.get(i)));
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
