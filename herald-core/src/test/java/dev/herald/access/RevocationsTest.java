package dev.herald.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aRevokedIdIsRefusedUntilItsExpiryThenForgotten() {
        Revocations revocations = new Revocations();
        assertThat(revocations.revoke("t1", NOW.plusSeconds(60), NOW)).isTrue();
        assertThat(revocations.isRevoked("t1", NOW.plusSeconds(59))).isTrue();
        assertThat(revocations.isRevoked("t2", NOW)).isFalse();
        assertThat(revocations.isRevoked("t1", NOW.plusSeconds(60))).isFalse();
        assertThat(revocations.size()).isZero();
    }

    @Test
    void aTokenWithoutAnIdIsNeverRevoked() {
        Revocations revocations = new Revocations();
        assertThat(revocations.isRevoked(null, NOW)).isFalse();
        assertThat(revocations.isRevoked("", NOW)).isFalse();
    }

    @Test
    void aLaterExpiryExtendsAnEarlierOneDoesNotShortenIt() {
        Revocations revocations = new Revocations();
        revocations.revoke("t1", NOW.plusSeconds(60), NOW);
        revocations.revoke("t1", NOW.plusSeconds(10), NOW);
        assertThat(revocations.isRevoked("t1", NOW.plusSeconds(30))).isTrue();
        revocations.revoke("t1", NOW.plusSeconds(120), NOW);
        assertThat(revocations.isRevoked("t1", NOW.plusSeconds(90))).isTrue();
    }

    @Test
    void whenFullExpiredIdsAreSweptAndOtherwiseANewOneIsRefusedNeverAnOldOneForgotten() {
        Revocations revocations = new Revocations(2);
        revocations.revoke("a", NOW.plusSeconds(10), NOW);
        revocations.revoke("b", NOW.plusSeconds(100), NOW);
        assertThat(revocations.revoke("c", NOW.plusSeconds(100), NOW)).isFalse();
        assertThat(revocations.isRevoked("a", NOW)).isTrue();
        assertThat(revocations.revoke("c", NOW.plusSeconds(100), NOW.plusSeconds(20))).as("a expired, swept").isTrue();
        assertThat(revocations.isRevoked("b", NOW.plusSeconds(20))).isTrue();
        assertThat(revocations.isRevoked("c", NOW.plusSeconds(20))).isTrue();
    }

    @Test
    void noneHoldsNothing() {
        assertThat(Revocations.NONE.revoke("t1", NOW.plusSeconds(60), NOW)).isFalse();
        assertThat(Revocations.NONE.isRevoked("t1", NOW)).isFalse();
    }
}
