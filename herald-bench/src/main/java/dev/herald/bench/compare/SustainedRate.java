package dev.herald.bench.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The highest open-loop rate one server sustained in one series of {@code bench/compare-nchan.sh}: the harness ran
 * at a rising ladder of {@code --rate}s against the same server, and a step counts as sustained when the publisher
 * achieved at least {@value #MIN_ACHIEVED_SHARE} of its rate (less one message), nothing was lost, no publish failed and the p99 stayed
 * under {@value #MAX_P99_MS} ms. A rate run twice (a broken step confirmed) is judged by its last run, and the
 * series ends at the first rate that broke: a higher rate that passed by luck after it does not count. A step whose
 * harness failed (a line with a {@code failed} field, written by the script) broke.
 *
 * <p>{@code java -cp herald-bench.jar dev.herald.bench.compare.SustainedRate '<harness line>'} judges one step for the
 * script: prints {@code sustained} and exits 0, or prints what broke it and exits 1 (2 for a line that is not JSON).
 *
 * @param rate           the highest sustained rate, msg/s; 0 when even the first step broke
 * @param deliveriesPerS the deliveries/s of that step; 0 when none was sustained
 * @param brokeAt        the first rate that broke and why, or empty when the ladder's top was sustained
 */
record SustainedRate(int rate, double deliveriesPerS, Optional<String> brokeAt) {

    static final double MIN_ACHIEVED_SHARE = 0.99;
    static final double MAX_P99_MS = 100;

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SustainedRate '<one JSON line of the harness>'");
            System.exit(2);
        }
        JsonNode step;
        try {
            step = new ObjectMapper().readTree(args[0]);
        } catch (JsonProcessingException e) {
            System.err.println("SustainedRate: not a JSON line: " + e.getOriginalMessage());
            System.exit(2);
            return;
        }
        Optional<String> broken = broken(step);
        System.out.println(broken.orElse("sustained"));
        System.exit(broken.isPresent() ? 1 : 0);
    }

    /** Judges one series: the harness lines of one server, one round, one label, in the order they ran. */
    static SustainedRate of(List<JsonNode> steps) {
        Map<Integer, JsonNode> lastByRate = new TreeMap<>();
        for (JsonNode step : steps) {
            lastByRate.put(step.path("rate").asInt(), step);
        }
        int best = 0;
        double deliveries = 0;
        for (Map.Entry<Integer, JsonNode> step : lastByRate.entrySet()) {
            Optional<String> broken = broken(step.getValue());
            if (broken.isPresent()) {
                return new SustainedRate(best, deliveries,
                        Optional.of(String.format(Locale.ROOT, "%,d msg/s: %s", step.getKey(), broken.get())));
            }
            best = step.getKey();
            deliveries = step.getValue().path("deliveriesPerS").asDouble();
        }
        return new SustainedRate(best, deliveries, Optional.empty());
    }

    /** One series per round for {@code label} and {@code api}, rounds in order (see {@link ComparisonReport#round}). */
    static List<SustainedRate> perRound(List<JsonNode> runs, String label, String api) {
        Map<Integer, List<JsonNode>> byRound = new TreeMap<>();
        for (JsonNode run : runs) {
            if (run.path("label").asText().equals(label) && run.path("api").asText().equals(api)) {
                byRound.computeIfAbsent(Runs.round(run), round -> new ArrayList<>()).add(run);
            }
        }
        return byRound.values().stream().map(SustainedRate::of).toList();
    }

    /** The messages published in the step's window (older lines without the count: from the rate and window). */
    private static double published(JsonNode step) {
        return step.has("published") ? step.path("published").asDouble()
                : step.path("publishedPerS").asDouble() * step.path("durationS").asDouble();
    }

    /**
     * What broke a step, or empty when it was sustained. The publisher is allowed one message short of its share,
     * which a window of a few seconds at a few messages per second loses to rounding alone.
     */
    static Optional<String> broken(JsonNode step) {
        if (step.has("failed")) {
            return Optional.of("the harness failed: " + step.path("failed").asText());
        }
        List<String> reasons = new ArrayList<>();
        int rate = step.path("rate").asInt();
        double achieved = step.path("publishedPerS").asDouble();
        if (rate <= 0) {
            reasons.add("not an open-loop step (rate 0)");
        } else if (published(step) + 1 < MIN_ACHIEVED_SHARE * rate * step.path("durationS").asDouble()) {
            reasons.add(String.format(Locale.ROOT, "published %.0f %% of the rate", 100 * achieved / rate));
        }
        if (step.path("lost").asLong() > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d lost", step.path("lost").asLong()));
        }
        if (step.path("publishErrors").asLong() > 0) {
            reasons.add(String.format(Locale.ROOT, "%,d publish errors", step.path("publishErrors").asLong()));
        }
        if (step.path("p99Ms").asDouble() >= MAX_P99_MS) {
            reasons.add("p99 " + Figures.number(step.path("p99Ms").asDouble()) + " ms");
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", reasons));
    }
}
