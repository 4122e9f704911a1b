package dev.herald.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.limits.LimitsOptions;
import dev.herald.testing.CountingSubscriber;
import dev.herald.testing.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A thousand concurrent subscribers each receive a hundred events, in order, none lost. */
class ManySubscribersIT {

    private static final int SUBSCRIBERS = 1000;
    private static final int EVENTS = 100;

    @Test
    void everySubscriberReceivesEveryEventInOrder() throws Exception {
        // every subscriber comes from 127.0.0.1
        try (MountedHerald app = MountedHerald.start(Herald.builder()
                .limits(LimitsOptions.builder().maxStreamsPerClient(SUBSCRIBERS).build()))) {
            List<CountingSubscriber> subscribers = new ArrayList<>();
            try {
                for (int i = 0; i < SUBSCRIBERS; i++) {
                    subscribers.add(new CountingSubscriber(app.events("/stream?channel=crowd")));
                }
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> app.stats().streamsOpen() == SUBSCRIBERS);

                for (int n = 0; n < EVENTS; n++) {
                    assertThat(TestHttp.post(app.events("/publish"),
                            "{\"channel\":\"crowd\",\"data\":\"" + n + "\"}").statusCode()).isEqualTo(200);
                }

                await().atMost(Duration.ofSeconds(60))
                        .until(() -> subscribers.stream().allMatch(s -> s.received() >= EVENTS));
                for (CountingSubscriber subscriber : subscribers) {
                    assertThat(subscriber.firstError()).isNull();
                    assertThat(subscriber.received()).isEqualTo(EVENTS);
                }
                assertThat(app.stats().subscribersDropped()).isZero();
                assertThat(app.stats().eventsDelivered()).isEqualTo((long) SUBSCRIBERS * EVENTS);
            } finally {
                subscribers.forEach(CountingSubscriber::close);
            }
        }
    }
}
