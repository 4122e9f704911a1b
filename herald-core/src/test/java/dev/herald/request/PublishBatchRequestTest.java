package dev.herald.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.publish.Publication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishBatchRequestTest {

    private static List<Publication> read(String body) {
        return PublishBatchRequest.read(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyItemIsReadInOrderAsAPublishBodyIs() {
        assertThat(read("[{\"channel\":\"a\",\"data\":\"1\"},{\"data\":\"2\",\"type\":\"t\",\"id\":\"x\",\"retry\":10}]"))
                .containsExactly(new Publication("a", null, "1", null, null), new Publication("sse", "t", "2", "x", 10L));
    }

    @Test
    void aRefusedItemIsNamedByItsIndex() {
        assertThatThrownBy(() -> read("[{\"data\":\"1\"},{\"data\":\"2\"},{\"type\":\"t\"}]"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("[2].data is required");
        assertThatThrownBy(() -> read("[{\"data\":\"1\",\"retry\":-1}]"))
                .hasMessage("[0].retry must be a non-negative whole number of milliseconds");
        assertThatThrownBy(() -> read("[{\"data\":\"1\"},\"x\"]")).hasMessage("[1] must be a JSON object");
    }

    @Test
    void aBatchHoldsOneToAHundredItems() {
        String item = "{\"data\":\"x\"},";
        String hundred = "[" + item.repeat(99) + "{\"data\":\"x\"}]";
        assertThat(read(hundred)).hasSize(PublishBatchRequest.MAX_ITEMS);
        assertThatThrownBy(() -> read("[" + item.repeat(100) + "{\"data\":\"x\"}]"))
                .hasMessage("a batch holds 1 to 100 items, got 101");
        assertThatThrownBy(() -> read("[]")).hasMessage("a batch holds 1 to 100 items, got 0");
    }

    @Test
    void aBodyThatIsNotAnArrayIsRefused() {
        assertThatThrownBy(() -> read("{\"data\":\"x\"}")).hasMessage("Request body must be a JSON array");
        assertThatThrownBy(() -> read("")).hasMessage("Request body is empty; send a JSON array");
        assertThatThrownBy(() -> read("[{\"data\":\"x\"}] trailing")).hasMessageStartingWith("Request body is not valid JSON");
    }
}
