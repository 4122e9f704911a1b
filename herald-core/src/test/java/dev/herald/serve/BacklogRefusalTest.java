package dev.herald.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.BrokerUnavailableException;
import dev.herald.publish.BacklogFullException;
import dev.herald.publish.PublishReceipt;
import dev.herald.publish.PublishedBatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How a publish refused for the delivery backlog is answered: 503, Retry-After, its own words; a batch alike. */
class BacklogRefusalTest {

    private static final BacklogFullException FULL = new BacklogFullException(Duration.ofSeconds(5));

    @Test
    void aSinglePublishIsA503WithRetryAfterAndSaysItWasNotPublished() {
        PublishOutcome outcome = PublishService.outcome(null, new CompletionException(FULL));

        assertThat(outcome).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers()).isEqualTo(Map.of("Retry-After", "1"));
            assertThat(refused.message()).isEqualTo("Herald is delivering events more slowly than they are published: "
                    + "the event waited 5000 ms for room and was not published; publish it again after 1 s, or more slowly");
        });
    }

    @Test
    void aBatchStoppedByTheBacklogIsA503WithRetryAfterAndTheItemSaysWhy() {
        PublishOutcome.BatchPublished batch = new PublishOutcome.BatchPublished(
                new PublishedBatch(3, List.of(new PublishReceipt("1-1", false)), FULL));

        assertThat(batch.status()).isEqualTo(503);
        assertThat(batch.headers()).isEqualTo(Map.of("Retry-After", "1"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) batch.body().get("results");
        assertThat(results.get(1)).containsEntry("message", FULL.getMessage());
        assertThat(results.get(2)).containsEntry("message", "not published: item [1] failed before it");
    }

    @Test
    void aBrokerFailureKeepsItsAnswerWithoutRetryAfter() {
        PublishOutcome.BatchPublished batch = new PublishOutcome.BatchPublished(
                new PublishedBatch(2, List.of(), new BrokerUnavailableException("redis down", null)));

        assertThat(batch.headers()).isEmpty();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) batch.body().get("results");
        assertThat(results.get(0)).containsEntry("message", "The event could not be published right now; try again");
    }
}
