package dev.herald.redis.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.redis.RedisScript;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamKeysTest {

    @Test
    void aChannelKeepsItsHistoryInAStreamAndIsAnnouncedOnALiveChannel() {
        assertThat(StreamKeys.stream("news")).isEqualTo("herald:stream:news");
        assertThat(StreamKeys.live("news")).isEqualTo("herald:live:news");
        assertThat(StreamKeys.channelOfLive("herald:live:news:eu")).isEqualTo("news:eu");
    }

    @Test
    void theDataSetKeysAreSharedByAllChannels() {
        assertThat(StreamKeys.EPOCH).isEqualTo("herald:epoch");
        assertThat(StreamKeys.SEQUENCE).isEqualTo("herald:seq");
        assertThat(StreamKeys.TRIMMED).isEqualTo("herald:trimmed");
        assertThat(StreamKeys.CHANNELS).isEqualTo("herald:channels");
    }

    @Test
    void anEntryIdIsTheSequenceWithZero() {
        assertThat(StreamKeys.entryId(42)).isEqualTo("42-0");
        assertThat(StreamKeys.sequenceOfEntry("42-0")).isEqualTo(42);
    }

    @Test
    void publishPassesKeysAndArgumentsInTheOrderTheScriptReadsThem() {
        RedisScript.Call call = StreamKeys.publish("news", 1000, "{\"data\":\"x\"}", 1_760_000_000_123L);
        List<String> words = words(call.bySha());

        assertThat(words.get(0)).isEqualToIgnoringCase("evalsha");
        assertThat(words.get(1)).isEqualTo(call.script().sha1()).matches("[0-9a-f]{40}");
        assertThat(words(call.byText()).get(1)).contains("XADD");
        assertThat(words(call.byText()).subList(2, words.size())).isEqualTo(words.subList(2, words.size()));
        assertThat(words.subList(2, words.size())).containsExactly("5",
                "herald:epoch", "herald:seq", "herald:stream:news", "herald:trimmed", "herald:channels",
                "herald:live:news", "1000", "{\"data\":\"x\"}", "1760000000123", "news");
    }

    @Test
    void headPassesTheEpochAndSequenceKeysAndTheCandidate() {
        List<String> words = words(StreamKeys.head(1_760_000_000_123L).bySha());

        assertThat(words.subList(2, words.size())).containsExactly("2", "herald:epoch", "herald:seq", "1760000000123");
    }

    @Test
    void aRangeStartsAfterTheGivenSequenceAndEndsAtTheHead() {
        assertThat(words(StreamKeys.range("news", 7, 12)))
                .containsExactly("xrange", "herald:stream:news", "8-0", "12-0");
        assertThat(words(StreamKeys.newestFirst("news"))).containsExactly("xrevrange", "herald:stream:news", "+", "-");
        assertThat(words(StreamKeys.trimmedMarks(List.of("a", "b")))).containsExactly("hmget", "herald:trimmed", "a", "b");
    }

    /** A request's command and arguments, read back from the RESP text its {@code toString} gives. */
    private static List<String> words(Request request) {
        String[] lines = request.toString().split("\r\n");
        List<String> words = new ArrayList<>();
        for (int i = 2; i < lines.length; i += 2) {
            words.add(lines[i]);
        }
        return words;
    }
}
