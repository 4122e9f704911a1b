package dev.herald.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.StoredEvent;
import dev.herald.request.HistoryRequest;
import dev.herald.request.InvalidRequestException;
import dev.herald.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HistoryPageTest {

    private static final List<StoredEvent> FIVE = new ArrayList<>();

    static {
        for (int i = 1; i <= 5; i++) {
            FIVE.add(new StoredEvent("c", i, new SseEvent("id-" + i, null, "d" + i, null)));
        }
    }

    private static List<String> ids(HistoryOutcome.Page page) {
        return page.events().stream().map(e -> e.event().id()).toList();
    }

    @Test
    void aPageIsTheNewestFirstWithTheIdOfItsOldestAsNext() {
        HistoryOutcome.Page page = HistoryService.page(new HistoryRequest("c", 2, null), FIVE);

        assertThat(ids(page)).containsExactly("id-5", "id-4");
        assertThat(page.next()).isEqualTo("id-4");
        assertThat(page.historyGone()).isFalse();
    }

    @Test
    void beforeReadsTheOlderEventsAndTheLastPageHasNoNext() {
        assertThat(ids(HistoryService.page(new HistoryRequest("c", 2, "id-4"), FIVE))).containsExactly("id-3", "id-2");
        HistoryOutcome.Page last = HistoryService.page(new HistoryRequest("c", 5, "id-2"), FIVE);
        assertThat(ids(last)).containsExactly("id-1");
        assertThat(last.next()).isNull();
        assertThat(HistoryService.page(new HistoryRequest("c", 5, "id-1"), FIVE).events()).isEmpty();
    }

    @Test
    void anUnknownBeforeIsHistoryGoneNotAnError() {
        HistoryOutcome.Page page = HistoryService.page(new HistoryRequest("c", 5, "id-0"), FIVE);

        assertThat(page.historyGone()).isTrue();
        assertThat(page.events()).isEmpty();
        assertThat(page.next()).isNull();
        assertThat(new String(page.json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"channel\":\"c\",\"events\":[],\"next\":null,\"historyGone\":true}");
    }

    @Test
    void theRequestNamesTheParameterItRefuses() {
        assertThatThrownBy(() -> HistoryRequest.read(name -> List.of())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("channel is required");
        assertThatThrownBy(() -> HistoryRequest.read(query(Map.of("channel", "a", "limit", "1001"))))
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> HistoryRequest.read(query(Map.of("channel", "a", "before", "x\ny"))))
                .hasMessageContaining("before");
        assertThatThrownBy(() -> HistoryRequest.read(query(Map.of("channel", "orders.*"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a pattern (orders.*)");
        assertThat(HistoryRequest.read(query(Map.of("channel", "a")))).isEqualTo(new HistoryRequest("a", 100, null));
    }

    private static Function<String, List<String>> query(Map<String, String> values) {
        return name -> values.containsKey(name) ? List.of(values.get(name)) : List.of();
    }
}
