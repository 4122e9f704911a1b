package dev.herald.web.console;

import dev.herald.metrics.Refusal;
import dev.herald.metrics.Transport;
import dev.herald.node.NodeStatus;
import java.util.List;
import java.util.Map;

/**
 * A {@link NodeStatus} as the data of the console's {@code event: node}:
 * <pre>{@code
 * {"node":"web-1:8080","time":1765100000000,"broker":"memory","brokerConnected":true,"draining":false,
 *  "streams":{"stream":3,"poll":1},"channels":2,"published":120,"delivered":480,"dropped":0,
 *  "refused":{"token-missing":2,"token-invalid":0,...},"topChannels":[{"channel":"sse","streams":3}]}
 * }</pre>
 * {@code streams} by {@link Transport#tag()}, {@code refused} by {@link Refusal} with hyphens
 * ({@code token-missing}, every reason present, 0 included), totals since the node started.
 */
final class StatusJson {

    private StatusJson() {
    }

    static Map<String, Object> of(NodeStatus status) {
        Map<String, Object> json = ConsoleReply.object();
        json.put("node", status.node());
        json.put("time", status.timeMillis());
        json.put("broker", status.broker());
        json.put("brokerConnected", status.brokerConnected());
        json.put("draining", status.draining());
        Map<String, Object> streams = ConsoleReply.object();
        status.streams().forEach((transport, count) -> streams.put(transport.tag(), count));
        json.put("streams", streams);
        json.put("channels", status.channels());
        json.put("published", status.published());
        json.put("delivered", status.delivered());
        json.put("dropped", status.dropped());
        Map<String, Object> refused = ConsoleReply.object();
        status.refused().forEach((reason, count) -> refused.put(reasonName(reason), count));
        json.put("refused", refused);
        json.put("topChannels", channels(status.topChannels()));
        return json;
    }

    /** {@code [{"channel":"sse","streams":3}, ...]} */
    static List<Map<String, Object>> channels(List<NodeStatus.ChannelCount> counts) {
        return counts.stream().map(count -> {
            Map<String, Object> item = ConsoleReply.object();
            item.put("channel", count.channel());
            item.put("streams", count.streams());
            return item;
        }).toList();
    }

    /** {@code token-missing}: the metrics' reason tag with hyphens, as the console's JSON names it. */
    static String reasonName(Refusal reason) {
        return reason.tag().replace('_', '-');
    }
}
