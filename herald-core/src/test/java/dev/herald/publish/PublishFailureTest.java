package dev.herald.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.BrokerUnavailableException;
import dev.herald.broker.InvalidChannelException;
import dev.herald.sse.InvalidEventException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class PublishFailureTest {

    @Test
    void aRefusedEventOrChannelIsA400WithTheRefusal() {
        PublishFailure event = PublishFailure.of(new CompletionException(new InvalidEventException("id must not contain a line break")));
        assertThat(event.status()).isEqualTo(400);
        assertThat(event.refused()).isTrue();
        assertThat(event.message()).isEqualTo("id must not contain a line break");

        PublishFailure channel = PublishFailure.of(new InvalidChannelException("channel name must not be empty"));
        assertThat(channel.status()).isEqualTo(400);
        assertThat(channel.message()).isEqualTo("channel name must not be empty");
    }

    @Test
    void anythingElseIsA503ThatSaysNothingOfTheCause() {
        PublishFailure unavailable = PublishFailure.of(new CompletionException(new BrokerUnavailableException("Redis is reconnecting", null)));
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.refused()).isFalse();
        assertThat(unavailable.message()).isEqualTo(PublishFailure.UNAVAILABLE);
        assertThat(unavailable.cause()).isInstanceOf(BrokerUnavailableException.class);

        assertThat(PublishFailure.of(new IllegalStateException("closed")).status()).isEqualTo(503);
    }
}
