package dev.herald.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * UP while the broker can serve, DOWN while its Redis subscription connection is lost and not yet restored (streams
 * get no live events meanwhile); the memory broker is always UP. OUT_OF_SERVICE once the node drains for the
 * application's stop. Details: the broker, without any password.
 */
final class HeraldHealthIndicator implements HealthIndicator {

    private final HeraldNode node;

    HeraldHealthIndicator(HeraldNode node) {
        this.node = node;
    }

    @Override
    public Health health() {
        Health.Builder health = node.draining() ? Health.outOfService()
                : node.brokerConnected() ? Health.up() : Health.down();
        return health.withDetail("broker", node.describeBroker()).build();
    }
}
