package dev.herald.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.publish.Publication;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishRequestTest {

    private static Publication read(String body) {
        return PublishRequest.read(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyFieldIsRead() {
        Publication publication = read("{\"channel\":\"news\",\"type\":\"headline\",\"data\":\"text\",\"id\":\"n-1\",\"retry\":5000}");
        assertThat(publication).isEqualTo(new Publication("news", "headline", "text", "n-1", 5000L));
    }

    @Test
    void onlyDataIsNeededTheChannelDefaultsToSse() {
        assertThat(read("{\"data\":\"x\"}")).isEqualTo(new Publication("sse", null, "x", null, null));
        assertThat(read("{\"data\":\"x\",\"type\":null,\"id\":null,\"retry\":null}")).isEqualTo(new Publication("sse", null, "x", null, null));
    }

    @Test
    void dataThatIsNotAStringStaysJson() {
        Object data = read("{\"data\":{\"message\":\"Hello\"}}").data();
        assertThat(data).isInstanceOf(JsonNode.class);
        assertThat(data.toString()).isEqualTo("{\"message\":\"Hello\"}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1e999999                      | 1E+999999",
            "-1e999999                     | -1E+999999",
            "1.50                          | 1.50",
            "123456789012345678901234567890 | 123456789012345678901234567890",
            "0.1                           | 0.1",
            "42                            | 42",
    })
    void aNumberIsPassedOnAsWrittenNeverRoundedToADouble(String written, String sent) {
        assertThat(read("{\"data\":" + written + "}").data().toString()).isEqualTo(sent);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                 | Request body is empty; send a JSON object",
            "[1]                                | Request body must be a JSON object",
            "'{\"data\":\"x\"} trailing'        | Request body is not valid JSON",
            "{\"channel\":\"a\"}                | data is required",
            "{\"data\":\"x\",\"channel\":7}     | channel must be a string",
            "{\"data\":\"x\",\"type\":true}     | type must be a string",
            "{\"data\":\"x\",\"id\":[]}         | id must be a string",
            "{\"data\":\"x\",\"retry\":-1}      | retry must be a non-negative whole number of milliseconds",
            "{\"data\":\"x\",\"retry\":1.5}     | retry must be a non-negative whole number of milliseconds",
    })
    void aBadBodyIsRefusedWithItsReason(String body, String reason) {
        assertThatThrownBy(() -> read(body)).isInstanceOf(InvalidRequestException.class).hasMessageStartingWith(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json                  | true",
            "Application/JSON; charset=utf-8   | true",
            "application/merge-patch+json      | true",
            "text/plain                        | false",
            "text/json                         | false",
            "''                                | false",
    })
    void jsonIsApplicationJsonOrAnyPlusJson(String contentType, boolean json) {
        assertThat(JsonBody.isJson(contentType)).isEqualTo(json);
    }
}
