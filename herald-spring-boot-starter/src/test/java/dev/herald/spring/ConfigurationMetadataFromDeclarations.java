package dev.herald.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.options.Option;
import dev.herald.options.OptionChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Writes each declared property's sentence and default ({@link HeraldProperties#DECLARED}) into the configuration
 * metadata that spring-boot-configuration-processor generated from {@link HeraldProperties}: the processor reads
 * defaults only from literals and descriptions only from Javadoc, while those fields take theirs from the
 * declarations. Run by the build after the test classes compile (exec-maven-plugin, phase
 * {@code process-test-classes}), so the tests and the jar see the same file; it is test code so that it does not ship.
 */
final class ConfigurationMetadataFromDeclarations {

    static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private ConfigurationMetadataFromDeclarations() {
    }

    /** {@code args[0]}: the classes directory holding the generated metadata. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]).resolve(METADATA);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode metadata = json.readTree(file.toFile());
        apply(metadata, HeraldProperties.DECLARED);
        Files.writeString(file, json.writeValueAsString(metadata));
    }

    static void apply(JsonNode metadata, Map<String, Option<?>> declared) {
        for (JsonNode property : metadata.path("properties")) {
            Option<?> option = declared.get(property.path("name").asText());
            if (option == null) {
                continue;
            }
            ObjectNode node = (ObjectNode) property;
            node.put("description", option.description() + ".");
            if (option.hasDefaultValue()) {
                node.set("defaultValue", metadataDefault(option));
            } else if (option.derivedDefault().isEmpty()) {
                node.remove("defaultValue");
            }
            // a derived default keeps what the processor read: the field's own "leave it out" value, if any
        }
    }

    /** A declared default as Spring writes it: durations as {@code 15s}, sizes as {@code 256KB}, numbers as numbers. */
    static JsonNode metadataDefault(Option<?> option) {
        ObjectMapper json = new ObjectMapper();
        Object value = option.defaultValue();
        if (value instanceof Duration duration) {
            return json.valueToTree(OptionChecks.format(duration));
        }
        if (value instanceof Integer bytes && Option.BYTES.equals(option.unit().orElse(null))) {
            return json.valueToTree(bytes % 1024 == 0 ? bytes / 1024 + "KB" : bytes + "B");
        }
        return json.valueToTree(value);
    }
}
