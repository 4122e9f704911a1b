package dev.herald.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.metrics.Refusal;
import dev.herald.metrics.Transport;
import dev.herald.node.NodeStatus;
import dev.herald.node.NodeStatus.ChannelCount;
import dev.herald.options.InvalidOptionException;
import dev.herald.request.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's answers that need no server: the cookie, the channels list, the status's JSON, the options. */
class ConsoleAnswersTest {

    @Test
    void theSessionCookieIsHttpOnlyStrictForTheConsolesPathAndLivesAsTheToken() {
        assertThat(SessionCookie.holding("t.o.k", Duration.ofSeconds(600), "/events/console", false))
                .isEqualTo("herald_console=t.o.k; Path=/events/console; Max-Age=600; HttpOnly; SameSite=Strict");
        assertThat(SessionCookie.holding("t", Duration.ofSeconds(-3), "/console", true))
                .isEqualTo("herald_console=t; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict; Secure");
        assertThat(SessionCookie.cleared("/console", false))
                .isEqualTo("herald_console=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    @Test
    void theChannelsListMatchesIgnoringCaseMostStreamsFirstAndSaysWhenTruncated() {
        List<ChannelCount> all = List.of(new ChannelCount("news", 1), new ChannelCount("orders-1", 5),
                new ChannelCount("Orders-2", 5), new ChannelCount("user-9", 2));
        Map<String, Object> answer = ChannelList.of("n1", all, "match=ORDERS&limit=1");
        assertThat(new String(ConsoleReply.bytes(answer), StandardCharsets.UTF_8)).isEqualTo(
                "{\"node\":\"n1\",\"channels\":[{\"channel\":\"Orders-2\",\"streams\":5}],\"total\":2,\"truncated\":true}");
        assertThat(ChannelList.of("n1", all, null).get("total")).isEqualTo(4);
        for (String query : List.of("limit=0", "limit=1001", "limit=x", "limit=99999", "limit=1&limit=2", "match=%zz")) {
            assertThatThrownBy(() -> ChannelList.of("n1", all, query)).as(query)
                    .isInstanceOf(InvalidRequestException.class);
        }
    }

    @Test
    void theStatusJsonKeepsTheConsolesNamesWithEveryReason() {
        Map<Transport, Long> streams = new EnumMap<>(Transport.class);
        streams.put(Transport.STREAM, 3L);
        streams.put(Transport.POLL, 1L);
        Map<Refusal, Long> refused = new EnumMap<>(Refusal.class);
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, reason == Refusal.TOKEN_MISSING ? 2L : 0L);
        }
        NodeStatus status = new NodeStatus("web-1:8080", 1765100000000L, "memory", true, false, streams, 2, 120, 480, 0,
                refused, List.of(new ChannelCount("sse", 3)));
        assertThat(new String(ConsoleReply.bytes(StatusJson.of(status)), StandardCharsets.UTF_8)).isEqualTo(
                "{\"node\":\"web-1:8080\",\"time\":1765100000000,\"broker\":\"memory\",\"brokerConnected\":true,"
                        + "\"draining\":false,\"streams\":{\"stream\":3,\"poll\":1},\"channels\":2,\"published\":120,"
                        + "\"delivered\":480,\"dropped\":0,\"refused\":{\"token-missing\":2,\"token-invalid\":0,"
                        + "\"channel-forbidden\":0,\"cross-site\":0,\"client-streams\":0,\"publish-rate\":0,"
                        + "\"node-full\":0,\"publish-backlog\":0},\"topChannels\":[{\"channel\":\"sse\",\"streams\":3}]}");
    }

    @Test
    void theTopChannelsAreTheBusiestMostFirstThenByName() {
        List<ChannelCount> all = List.of(new ChannelCount("c", 1), new ChannelCount("b", 7), new ChannelCount("a", 7),
                new ChannelCount("d", 3));
        assertThat(NodeStatus.top(all, 3)).containsExactly(new ChannelCount("a", 7), new ChannelCount("b", 7),
                new ChannelCount("d", 3));
        assertThat(NodeStatus.top(all, 50)).hasSize(4);
    }

    @Test
    void theOptionsRefuseAModeOrANodeIdTheyCannotTake() {
        assertThat(ConsoleOptions.mode(" Token ")).isEqualTo(ConsoleMode.TOKEN);
        assertThatThrownBy(() -> ConsoleOptions.mode("on")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("must be auto, token or off, got on");
        assertThatThrownBy(() -> ConsoleOptions.of(ConsoleMode.AUTO, "a\nb", 0, true))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("node-id");
        assertThat(ConsoleOptions.of(ConsoleMode.AUTO, null, 8080, true).nodeId()).endsWith(":8080");
        assertThat(ConsoleOptions.of(ConsoleMode.AUTO, " ", 0, true).nodeId())
                .endsWith(":pid" + ProcessHandle.current().pid());
    }
}
