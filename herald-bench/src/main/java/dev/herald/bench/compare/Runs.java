package dev.herald.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The harness's JSON lines (one a run: its {@code label}, {@code api} — {@code herald} or {@code nchan} —,
 * {@code round} and figures) and the lookups the report makes in them.
 */
final class Runs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Runs() {
    }

    static List<JsonNode> readRuns(Path file) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                runs.add(JSON.readTree(line));
            }
        }
        return runs;
    }

    /** Deliveries/s of the Redis mode {@code label} over the in-memory broker's, round by round. */
    static List<Double> redisRatios(List<JsonNode> runs, String label) {
        List<Double> ratios = new ArrayList<>();
        for (JsonNode run : runs) {
            if (!run.path("label").asText().equals(label)) {
                continue;
            }
            int round = round(run);
            for (JsonNode memory : runs) {
                if (memory.path("label").asText().equals(ComparisonReport.REDIS_MEMORY) && round(memory) == round
                        && memory.path("deliveriesPerS").asDouble() > 0) {
                    ratios.add(run.path("deliveriesPerS").asDouble() / memory.path("deliveriesPerS").asDouble());
                    break;
                }
            }
        }
        return ratios;
    }

    /** The labels starting with {@code prefix}, in the order of their first run. */
    static List<String> labels(List<JsonNode> runs, String prefix) {
        return runs.stream().map(run -> run.path("label").asText()).filter(label -> label.startsWith(prefix))
                .distinct().toList();
    }

    /** The streams of the first run of {@code label}; NaN when there is none. */
    static double subscribers(List<JsonNode> runs, String label) {
        return runs.stream().filter(run -> run.path("label").asText().equals(label))
                .mapToDouble(run -> run.path("subscribers").asDouble()).findFirst().orElse(Double.NaN);
    }

    /**
     * The round a run belongs to: its {@code round} field, which the script adds to each line, or 1 for a line
     * without one.
     */
    static int round(JsonNode run) {
        return run.path("round").asInt(1);
    }

    static long rounds(List<JsonNode> runs) {
        return runs.stream().mapToInt(Runs::round).distinct().count();
    }

    static Optional<JsonNode> last(List<JsonNode> runs, String label, String api) {
        JsonNode found = null;
        for (JsonNode run : runs) {
            if (run.path("label").asText().equals(label) && run.path("api").asText().equals(api)) {
                found = run;
            }
        }
        return Optional.ofNullable(found);
    }

    static List<Double> values(List<JsonNode> runs, String label, String api, String field) {
        List<Double> values = new ArrayList<>();
        for (JsonNode run : runs) {
            if (run.path("label").asText().equals(label) && run.path("api").asText().equals(api)
                    && !Double.isNaN(figure(run, field))) {
                values.add(figure(run, field));
            }
        }
        return values;
    }

    /** A field of a harness line, or {@link Scenario#DELIVERIES_PER_CPU_S} worked out from three; NaN if missing. */
    static double figure(JsonNode run, String field) {
        if (field.equals(Scenario.DELIVERIES_PER_CPU_S)) {
            double cpuS = run.path("serverCpuS").asDouble(0);
            return run.path("serverCpuS").isNumber() && cpuS > 0
                    ? run.path("deliveriesPerS").asDouble() * run.path("durationS").asDouble() / cpuS
                    : Double.NaN;
        }
        return run.path(field).isNumber() ? run.path(field).asDouble() : Double.NaN;
    }
}
