package dev.herald.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrantsTest {

    @Test
    void publishAndSubscribeAreGrantedSeparately() {
        Grants grants = Grants.of(List.of("orders-*"), List.of("user-42", "news"));

        assertThat(grants.mayPublish("orders-1")).isTrue();
        assertThat(grants.mayPublish("user-42")).isFalse();
        assertThat(grants.maySubscribe("user-42")).isTrue();
        assertThat(grants.maySubscribe("news")).isTrue();
        assertThat(grants.maySubscribe("orders-1")).isFalse();
    }

    @Test
    void refusedSubscriptionsNameEveryChannelNotCoveredInOrder() {
        Grants grants = Grants.of(List.of(), List.of("user-42"));

        assertThat(grants.refusedSubscriptions(List.of("user-7", "user-42", "admin"))).containsExactly("user-7", "admin");
        assertThat(grants.refusedSubscriptions(List.of("user-42"))).isEmpty();
    }

    @Test
    void noneGrantsNothingAndAllGrantsEverything() {
        assertThat(Grants.NONE.mayPublish("sse")).isFalse();
        assertThat(Grants.NONE.maySubscribe("sse")).isFalse();
        assertThat(Grants.ALL.mayPublish("anything")).isTrue();
        assertThat(Grants.ALL.maySubscribe("anything")).isTrue();
    }

    @Test
    void aCommaListIsTrimmedAndEmptyItemsAreSkipped() {
        ChannelPatterns patterns = ChannelPatterns.parse(" private-* , ,user-42,");

        assertThat(patterns.patterns()).extracting(ChannelPattern::text).containsExactly("private-*", "user-42");
        assertThat(patterns.covers("private-x")).isTrue();
        assertThat(patterns.covers("sse")).isFalse();
        assertThat(patterns).hasToString("private-*,user-42");
        assertThat(ChannelPatterns.parse(null).isEmpty()).isTrue();
        assertThat(ChannelPatterns.parse("  ").isEmpty()).isTrue();
    }
}
