package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ServerApiTest {

    private static final String STAMP = new Stamp(Stamp.MEASURED_BASE, 42, 0).format();

    @Test
    void heraldStreamsByQueryAndPublishesJsonWithTheStampAsData() throws Exception {
        ServerApi api = ServerApi.HERALD;
        String body = api.bodyPrefix("a \"b\"/c") + STAMP + api.bodySuffix();

        JsonNode json = new ObjectMapper().readTree(body);
        assertThat(api.streamUri("a \"b\"/c")).isEqualTo("/stream?channel=a+%22b%22%2Fc");
        assertThat(api.publishUri("a \"b\"/c")).isEqualTo("/publish");
        assertThat(api.contentType()).isEqualTo("application/json");
        assertThat(json.get("channel").asText()).isEqualTo("a \"b\"/c");
        assertThat(json.get("type").asText()).isEqualTo("bench");
        assertThat(json.get("data").asText()).isEqualTo(STAMP);
    }

    @Test
    void nchanSubscribesByPathAndPublishesTheStampAsTheBody() {
        ServerApi api = ServerApi.NCHAN;

        assertThat(api.streamUri("bench")).isEqualTo("/sub/bench");
        assertThat(api.streamUri("a b/c")).isEqualTo("/sub/a%20b%2Fc");
        assertThat(api.publishUri("bench")).isEqualTo("/pub?id=bench");
        assertThat(api.contentType()).isEqualTo("text/plain");
        assertThat(api.bodyPrefix("bench") + STAMP + api.bodySuffix()).isEqualTo(STAMP);
    }
}
