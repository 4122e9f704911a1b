package dev.herald.broker;

import dev.herald.sse.InvalidEventException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids brokers assign: {@code <epoch>-<sequence>}, the epoch naming the order (a broker's start, or a Redis
 * data set) and the sequence a place in it. Publishers may not use ids of this form, so an id a client sends
 * back is either a place in an order or a publisher's own id, never both.
 *
 * @param epoch    the order the id belongs to
 * @param sequence the place in that order
 */
public record HeraldId(long epoch, long sequence) {

    /**
     * The longest id a publisher may choose, in UTF-16 characters. A client sends the id back to resume, in the
     * {@code Last-Event-ID} header or a URL ({@code ?lastEventId=}, {@code /poll?since=}), percent-encoded there at up to
     * 9 bytes a character: 256 keeps it within the server's header and request-line limits even beside 64 channel
     * names, so every id a stream carries can resume it.
     */
    public static final int MAX_LENGTH = 256;

    private static final Pattern FORM = Pattern.compile("(\\d+)-(\\d+)");
    /**
     * The form of the ids a partitioned broker gives ({@link Lanes}): one or more {@code ~<position>}, each position
     * lower-case letters and digits. Publishers may not use it either.
     */
    private static final Pattern CURSOR_FORM = Pattern.compile("(~[0-9a-z]+)+");

    /** The id of a place. */
    @Override
    public String toString() {
        return epoch + "-" + sequence;
    }

    /** The id an event sent back, or {@code null} when it is not of Herald's form (or out of range). */
    public static HeraldId parse(String id) {
        Matcher m = FORM.matcher(id);
        if (!m.matches()) {
            return null;
        }
        try {
            return new HeraldId(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /**
     * The sequence this id names in the order {@code epoch} whose newest sequence is {@code head}, or -1 when it
     * names no place there (another order, or a place not reached yet).
     */
    public long sequenceIn(long epoch, long head) {
        return this.epoch == epoch && sequence <= head ? sequence : -1;
    }

    /**
     * Checks a publisher's own id; {@link AdmittedEvent} applies it to every event at the door.
     *
     * @throws InvalidEventException when it is empty, longer than {@value #MAX_LENGTH} characters or has Herald's form
     */
    public static void checkPublisherId(String id) {
        if (id != null && id.length() > MAX_LENGTH) {
            // Accepted, it would be sent to every client, which could never resume with it (414 or 431).
            throw new InvalidEventException("id must be at most " + MAX_LENGTH + " characters (a client sends it back "
                    + "in a header or a URL to resume), got " + id.length());
        }
        if (id != null && id.isEmpty()) {
            // The spec's empty id resets a browser's last event id: it would reconnect as a new client and miss events.
            throw new InvalidEventException("id must not be empty (it would reset the client's Last-Event-ID); "
                    + "leave it out to let Herald assign one");
        }
        if (id != null && FORM.matcher(id).matches()) {
            throw new InvalidEventException("id \"" + id
                    + "\" has the form of Herald's own ids (digits-digits); choose another id or leave it out");
        }
        if (id != null && CURSOR_FORM.matcher(id).matches()) {
            throw new InvalidEventException("id \"" + id
                    + "\" has the form of Herald's cursors (~ and letters or digits); "
                    + "choose another id or leave it out");
        }
    }
}
