package dev.herald.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeraldCountersTest {

    @Test
    void countersKeepTheTotalsOfTheCallsTheyReceive() {
        HeraldCounters counters = new HeraldCounters();

        counters.streamOpened(Transport.STREAM);
        counters.streamOpened(Transport.POLL);
        counters.streamOpened(Transport.STREAM);
        counters.streamClosed(Transport.STREAM);
        counters.published();
        counters.eventDispatched();
        counters.eventDispatched();
        counters.eventDelivered();
        counters.eventDelivered();
        counters.eventDelivered();
        counters.subscriberDropped();
        counters.heartbeatSent();
        counters.replayServed();
        counters.historyGone();
        counters.refused(Refusal.NODE_FULL);
        counters.deliveryLatency(1_000);
        counters.brokerConnection(true);

        assertThat(counters.streamsOpen()).as("every transport").isEqualTo(2);
        assertThat(counters.eventsPublished()).isEqualTo(1);
        assertThat(counters.eventsDispatched()).isEqualTo(2);
        assertThat(counters.eventsDelivered()).isEqualTo(3);
        assertThat(counters.subscribersDropped()).isEqualTo(1);
    }

    @Test
    void countersKeepStreamsByTransportAndRefusalsByReason() {
        HeraldCounters counters = new HeraldCounters();
        counters.streamOpened(Transport.STREAM);
        counters.streamOpened(Transport.STREAM);
        counters.streamOpened(Transport.POLL);
        counters.streamClosed(Transport.STREAM);
        counters.refused(Refusal.TOKEN_MISSING);
        counters.refused(Refusal.TOKEN_MISSING);
        counters.refused(Refusal.NODE_FULL);

        assertThat(counters.streamsOpen(Transport.STREAM)).isEqualTo(1);
        assertThat(counters.streamsOpen(Transport.POLL)).isEqualTo(1);
        assertThat(counters.refusals(Refusal.TOKEN_MISSING)).isEqualTo(2);
        assertThat(counters.refusals(Refusal.NODE_FULL)).isEqualTo(1);
        assertThat(counters.refusals(Refusal.CROSS_SITE)).isZero();
    }

    @Test
    void bothReportsEveryCallToEachSideInOrder() throws Exception {
        List<String> calls = new ArrayList<>();
        HeraldMetrics both = HeraldMetrics.both(recorder("first", calls), recorder("second", calls));

        for (Method method : HeraldMetrics.class.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            calls.clear();
            method.invoke(both, Arrays.stream(method.getParameterTypes()).map(HeraldCountersTest::sample).toArray());
            assertThat(calls).as(method.getName()).containsExactly("first." + method.getName(), "second." + method.getName());
        }
    }

    @Test
    void bothLeavesOutASideThatCountsNothing() {
        HeraldCounters counters = new HeraldCounters();

        assertThat(HeraldMetrics.both(counters, HeraldMetrics.NONE)).isSameAs(counters);
        assertThat(HeraldMetrics.both(HeraldMetrics.NONE, counters)).isSameAs(counters);
    }

    private static HeraldMetrics recorder(String name, List<String> calls) {
        return (HeraldMetrics) Proxy.newProxyInstance(HeraldMetrics.class.getClassLoader(),
                new Class<?>[] {HeraldMetrics.class}, (proxy, method, args) -> {
                    calls.add(name + "." + method.getName());
                    return null;
                });
    }

    private static Object sample(Class<?> type) {
        if (type == long.class) {
            return 1L;
        }
        if (type == int.class) {
            return 1;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == Transport.class) {
            return Transport.STREAM;
        }
        if (type == Refusal.class) {
            return Refusal.NODE_FULL;
        }
        throw new AssertionError("no sample for " + type);
    }
}
