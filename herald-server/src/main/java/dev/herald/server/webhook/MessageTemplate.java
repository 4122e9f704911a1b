package dev.herald.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A message written with fields of a webhook's JSON body: {@code Payment {{data.object.id}} is {{type}}}. A
 * {@code {{path}}} is replaced by the field at that dotted path ({@code data.items.0.id} reads an array by index;
 * spaces inside the braces are ignored); everything else is kept as written, a lone {@code }}} included.
 *
 * <p>Parsed once, at start ({@link #parse}), so a template that cannot work is refused there. Rendering never fails: a
 * missing or null field reads as nothing, a number or boolean as its JSON text, an object or array as its JSON; the
 * values are inserted in one pass, so braces inside a value are not read as a template again. Immutable.
 */
public final class MessageTemplate {

    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";
    /** A step of a path: a field name or an index, without the characters that would make the path ambiguous. */
    private static final Pattern STEP = Pattern.compile("[^.{}\\s]+");

    private final String source;
    /** Literal text at even positions, paths (String[]) at odd ones. */
    private final List<Object> parts;

    private MessageTemplate(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * The template written as {@code source}.
     *
     * @throws IllegalArgumentException with a phrase saying what is wrong: a {@code {{} without its {@code }}}, or an
     *                                  empty or malformed path such as {@code {{}}} or {@code {{data..id}}}
     */
    public static MessageTemplate parse(String source) {
        Objects.requireNonNull(source, "source");
        List<Object> parts = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = source.indexOf(OPEN, at);
            if (open < 0) {
                parts.add(source.substring(at));
                return new MessageTemplate(source, List.copyOf(parts));
            }
            int close = source.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                throw new IllegalArgumentException("has a {{ without its }} at position " + open);
            }
            parts.add(source.substring(at, open));
            parts.add(path(source.substring(open + OPEN.length(), close).strip(), open));
            at = close + CLOSE.length();
        }
    }

    private static String[] path(String written, int position) {
        String[] steps = written.split("\\.", -1);
        for (String step : steps) {
            if (!STEP.matcher(step).matches()) {
                throw new IllegalArgumentException("has a malformed field path {{" + written + "}} at position "
                        + position + "; write the fields' names joined by dots, like {{data.object.id}}");
            }
        }
        return steps;
    }

    /** The message for one body; never fails. */
    public String render(JsonNode body) {
        Payload payload = new Payload(body);
        StringBuilder message = new StringBuilder();
        for (Object part : parts) {
            message.append(part instanceof String[] path ? payload.asText(path) : (String) part);
        }
        return message.toString();
    }

    /** The template as written. */
    @Override
    public String toString() {
        return source;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageTemplate template && template.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }
}
