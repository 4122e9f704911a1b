package dev.herald.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * What a node tells the others about its streams, as the data of an event on {@value Presence#CHANNEL}:
 * {@code {"node":"<id>","full":true,"channels":{"<channel>":{"streams":3,"subjects":{"alice":2}}}}}. A full message
 * states every channel the node has streams on (those left out have none); a partial one only the channels that changed
 * since its last message, a channel with no stream left as {@code "streams":0}.
 *
 * @param node     the sender's id, new at each start
 * @param full     whether {@code channels} is all the sender has
 * @param channels channel to the sender's count there
 */
record PresenceMessage(String node, boolean full, Map<String, ChannelCount> channels) {

    private static final ObjectMapper JSON = new ObjectMapper();

    PresenceMessage {
        channels = Map.copyOf(channels);
    }

    String json() {
        ObjectNode root = JSON.createObjectNode().put("node", node).put("full", full);
        ObjectNode all = root.putObject("channels");
        channels.forEach((channel, count) -> {
            ObjectNode one = all.putObject(channel).put("streams", count.streams());
            ObjectNode subjects = one.putObject("subjects");
            count.subjects().forEach(subjects::put);
        });
        return root.toString();
    }

    /**
     * Reads a message.
     *
     * @throws IllegalArgumentException for data that is not a presence message
     */
    static PresenceMessage parse(String data) {
        try {
            JsonNode root = JSON.readTree(data);
            if (root == null || !root.path("node").isTextual() || !root.path("channels").isObject()) {
                throw new IllegalArgumentException("not a presence message: " + data);
            }
            Map<String, ChannelCount> channels = new HashMap<>();
            for (Map.Entry<String, JsonNode> channel : root.get("channels").properties()) {
                Map<String, Integer> subjects = new HashMap<>();
                channel.getValue().path("subjects").properties()
                        .forEach(subject -> subjects.put(subject.getKey(), subject.getValue().asInt()));
                channels.put(channel.getKey(), new ChannelCount(channel.getValue().path("streams").asInt(), subjects));
            }
            return new PresenceMessage(root.get("node").asText(), root.path("full").asBoolean(), channels);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a presence message: " + e.getOriginalMessage(), e);
        }
    }
}
