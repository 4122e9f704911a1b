package dev.herald.web.console;

import dev.herald.node.NodeStatus;
import dev.herald.request.InvalidRequestException;
import dev.herald.request.QueryString;
import dev.herald.request.SingleValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET .../console/channels?match=<substring>&limit=<1..1000>}: this node's channels (reserved ones left out)
 * with their streams here, most first, those whose name holds {@code match} (ignoring case) only:
 * {@code {"node","channels":[{"channel","streams"}],"total","truncated"}}, {@code total} counting every channel that
 * matches and {@code truncated} saying whether more than {@code limit} did.
 */
final class ChannelList {

    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;

    private ChannelList() {
    }

    /**
     * The answer for {@code rawQuery} over {@code all}.
     *
     * @throws InvalidRequestException for a malformed query, a parameter given twice, or a limit out of range
     */
    static Map<String, Object> of(String nodeId, List<NodeStatus.ChannelCount> all, String rawQuery) {
        Map<String, List<String>> query = QueryString.decode(rawQuery);
        String match = SingleValue.of("the query parameter match", query.get("match"));
        int limit = limit(SingleValue.of("the query parameter limit", query.get("limit")));
        String needle = match == null ? "" : match.toLowerCase(Locale.ROOT);
        List<NodeStatus.ChannelCount> matching = needle.isEmpty() ? all : all.stream()
                .filter(count -> count.channel().toLowerCase(Locale.ROOT).contains(needle)).toList();
        Map<String, Object> json = ConsoleReply.object();
        json.put("node", nodeId);
        json.put("channels", StatusJson.channels(NodeStatus.top(matching, limit)));
        json.put("total", matching.size());
        json.put("truncated", matching.size() > limit);
        return json;
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        boolean digits = text.length() <= 4 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        int limit = digits ? Integer.parseInt(text) : -1;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got \"" + text
                    + "\"");
        }
        return limit;
    }
}
