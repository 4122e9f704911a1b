package dev.herald.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A webhook's message: written from the body by dotted paths, never failing, parsed once. */
class MessageTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = """
            {"type": "invoice.paid", "data": {"object": {"id": "in_1", "amount": 1250, "paid": true, "ratio": 0.5,
             "note": null, "customer": {"name": "Ada"}, "lines": [{"id": "il_1"}, {"id": "il_2"}],
             "tags": ["a", "b"], "trap": "{{type}}"}}}""";

    private static String render(String template) {
        try {
            JsonNode body = JSON.readTree(BODY);
            return MessageTemplate.parse(template).render(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nestedPathsReadTheBodysFields() {
        assertThat(render("Payment {{data.object.id}} is {{type}}")).isEqualTo("Payment in_1 is invoice.paid");
        assertThat(render("{{data.object.customer.name}} paid")).isEqualTo("Ada paid");
    }

    @Test
    void aWholeNumberStepIndexesAnArray() {
        assertThat(render("{{data.object.lines.1.id}}, first {{data.object.lines.0.id}}")).isEqualTo("il_2, first il_1");
        assertThat(render("[{{data.object.lines.5.id}}]")).as("past the end").isEqualTo("[]");
    }

    @Test
    void missingAndNullFieldsReadAsNothing() {
        assertThat(render("[{{data.nothing.here}}] [{{data.object.note}}] [{{type.deeper}}]")).isEqualTo("[] [] []");
    }

    @Test
    void numbersAndBooleansReadAsTheirText() {
        assertThat(render("{{data.object.amount}} {{data.object.paid}} {{data.object.ratio}}")).isEqualTo("1250 true 0.5");
    }

    @Test
    void objectsAndArraysReadAsTheirJson() {
        assertThat(render("{{data.object.tags}} {{data.object.customer}}")).isEqualTo("[\"a\",\"b\"] {\"name\":\"Ada\"}");
    }

    @Test
    void bracesInAValueAreNotReadAsATemplateAgain() {
        assertThat(render("note: {{data.object.trap}}")).isEqualTo("note: {{type}}");
    }

    @Test
    void spacesInsideTheBracesAndTextWithoutFieldsAreKept() {
        assertThat(render("{{ type }}!")).isEqualTo("invoice.paid!");
        assertThat(render("a plain message }} with a lone closing")).isEqualTo("a plain message }} with a lone closing");
        assertThat(render("")).isEmpty();
    }

    @Test
    void aBodyOfAnotherShapeNeverFails() throws Exception {
        MessageTemplate template = MessageTemplate.parse("{{data.object.id}} {{0.x}}");
        assertThat(template.render(JSON.readTree("{\"data\": \"text\"}"))).isEqualTo(" ");
        assertThat(template.render(JSON.readTree("{\"data\": [1, 2]}"))).isEqualTo(" ");
    }

    @Test
    void anUnclosedOpeningIsRefused() {
        assertThatThrownBy(() -> MessageTemplate.parse("Payment {{data.id is due"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("has a {{ without its }} at position 8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{}}", "{{ }}", "{{data..id}}", "{{.type}}", "{{type.}}", "{{a {{b}}", "{{a b}}"})
    void aMalformedPathIsRefused(String template) {
        assertThatThrownBy(() -> MessageTemplate.parse(template))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("has a malformed field path {{");
    }

    @Test
    void aTemplatePrintsAsWritten() {
        assertThat(MessageTemplate.parse("Payment {{ data.id }}").toString()).isEqualTo("Payment {{ data.id }}");
        assertThat(MessageTemplate.parse("{{a}}")).isEqualTo(MessageTemplate.parse("{{a}}"));
    }
}
