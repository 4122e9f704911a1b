package dev.herald.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    private static ObjectNode body() {
        return JsonNodeFactory.instance.objectNode().put("data", "x");
    }

    @Test
    void theHeaderOrTheFieldIsTheKey() {
        assertThat(IdempotencyKey.read(List.of("k1"), body())).isEqualTo("k1");
        assertThat(IdempotencyKey.read(List.of(), body().put("idempotencyKey", "k2"))).isEqualTo("k2");
        assertThat(IdempotencyKey.read(List.of("k3"), body().put("idempotencyKey", "k3"))).isEqualTo("k3");
        assertThat(IdempotencyKey.read(List.of(), body())).isNull();
    }

    @Test
    void aRepeatedHeaderIsRefused() {
        assertThatThrownBy(() -> IdempotencyKey.read(List.of("a", "b"), body()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Idempotency-Key");
    }

    @Test
    void aKeyWithAControlCharacterIsRefusedNamingTheHeader() {
        assertThatThrownBy(() -> IdempotencyKey.read(List.of("a\tb"), body()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("Idempotency-Key must be printable ASCII; character 1 is not");
    }

    @Test
    void twoPublishersWithOneKeyDoNotCollide() {
        assertThat(IdempotencyKey.scoped("alice", "10.0.0.1", "k"))
                .isNotEqualTo(IdempotencyKey.scoped("bob", "10.0.0.1", "k"))
                .isNotEqualTo(IdempotencyKey.scoped(null, "10.0.0.1", "k"));
        assertThat(IdempotencyKey.scoped("a:b", "x", "c")).isNotEqualTo(IdempotencyKey.scoped("a", "x", "b:c"));
        assertThat(IdempotencyKey.scoped(null, "10.0.0.1", "k")).isNotEqualTo(IdempotencyKey.scoped(null, "10.0.0.2", "k"));
    }
}
