package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryGoneTest {

    @Test
    void heraldsDataIsRead() {
        assertThat(HistoryGone.parse("{\"lastEventId\":\"1795462595178-2\",\"channels\":[\"jobs\",\"sse\"]}", "x"))
                .isEqualTo(new HistoryGone("1795462595178-2", List.of("jobs", "sse")));
    }

    @Test
    void escapesSpacesAndUnknownMembersAreHandled() {
        assertThat(HistoryGone.parse(" { \"other\" : 3, \"channels\" : [ \"a\\\"b\", \"\\u00e9\\/\\n\" ] ,"
                + " \"flag\": true, \"lastEventId\" : \"my\\\\id\", \"list\": [\"z\"] } ", "x"))
                .isEqualTo(new HistoryGone("my\\id", List.of("a\"b", "é/\n")));
    }

    @Test
    void missingOrNullMembersFallBack() {
        assertThat(HistoryGone.parse("{}", "7")).isEqualTo(new HistoryGone("7", List.of()));
        assertThat(HistoryGone.parse("{\"lastEventId\":null,\"channels\":[]}", "7")).isEqualTo(new HistoryGone("7", List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"lastEventId\":", "{\"channels\":[1]}", "{\"lastEventId\":\"a\"} x",
            "{\"lastEventId\":\"\\q\"}", "[]"})
    void malformedDataStillSignalsTheGap(String data) {
        assertThat(HistoryGone.parse(data, "7")).isEqualTo(new HistoryGone("7", List.of()));
    }
}
