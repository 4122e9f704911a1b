package dev.herald.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The ids one node remembers: first and later deliveries, the bound, forgetting. */
class MemoryRedeliveriesTest {

    private static boolean first(Redeliveries redeliveries, String id) {
        return redeliveries.firstDelivery("github", id).toCompletableFuture().join();
    }

    @Test
    void anIdIsFirstOnceAndADuplicateAfter() {
        MemoryRedeliveries redeliveries = new MemoryRedeliveries(10);
        assertThat(first(redeliveries, "72d3162e-cc78-11e3-81ab-4c9367dc0958")).isTrue();
        assertThat(first(redeliveries, "72d3162e-cc78-11e3-81ab-4c9367dc0958")).isFalse();
        assertThat(first(redeliveries, "72d3162e-cc78-11e3-81ab-4c9367dc0959")).isTrue();
    }

    @Test
    void theOldestIdIsForgottenFirstWhenTheBoundIsReached() {
        MemoryRedeliveries redeliveries = new MemoryRedeliveries(3);
        for (String id : new String[] {"a", "b", "c", "d"}) {
            assertThat(first(redeliveries, id)).isTrue();
        }
        assertThat(first(redeliveries, "d")).as("the newest is remembered").isFalse();
        assertThat(first(redeliveries, "c")).isFalse();
        assertThat(first(redeliveries, "b")).isFalse();
        assertThat(first(redeliveries, "a")).as("the oldest was forgotten for d").isTrue();
        assertThat(first(redeliveries, "b")).as("and remembering a again forgot b").isTrue();
    }

    @Test
    void aDuplicateDoesNotMakeAnIdNewerOrTakeASecondPlace() {
        MemoryRedeliveries redeliveries = new MemoryRedeliveries(2);
        first(redeliveries, "a");
        first(redeliveries, "b");
        first(redeliveries, "a");
        first(redeliveries, "c");
        assertThat(first(redeliveries, "b")).as("b is still remembered, a (the oldest mark) went").isFalse();
        assertThat(first(redeliveries, "c")).isFalse();
    }

    @Test
    void aForgottenIdIsFirstAgain() {
        MemoryRedeliveries redeliveries = new MemoryRedeliveries(10);
        first(redeliveries, "a");
        redeliveries.forget("github", "a").toCompletableFuture().join();
        assertThat(first(redeliveries, "a")).isTrue();
    }

    @Test
    void theSameIdToAnotherWebhookIsAnotherDelivery() {
        MemoryRedeliveries redeliveries = new MemoryRedeliveries(10);
        assertThat(redeliveries.firstDelivery("stripe", "msg_1").toCompletableFuture().join()).isTrue();
        assertThat(redeliveries.firstDelivery("resend", "msg_1").toCompletableFuture().join()).isTrue();
        assertThat(redeliveries.firstDelivery("stripe", "msg_1").toCompletableFuture().join()).isFalse();
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> new MemoryRedeliveries(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be at least 1, got 0");
    }
}
