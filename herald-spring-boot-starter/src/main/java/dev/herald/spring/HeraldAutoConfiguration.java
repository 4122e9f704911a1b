package dev.herald.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.publish.Idempotency;
import dev.herald.metrics.HeraldMetrics;
import dev.herald.micrometer.MicrometerMetrics;
import dev.herald.web.console.Console;
import dev.herald.web.console.ConsoleMode;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Herald in a Spring MVC application: its endpoints at {@code herald.prefix} in the application's own server, a
 * {@link HeraldPublisher} to publish from code, and, when they are there, Micrometer meters and an Actuator health
 * indicator. Off with {@code herald.enabled=false}; only in a servlet web application.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "herald", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(HeraldProperties.class)
public class HeraldAutoConfiguration {

    /**
     * Every option checked here, once, by its record: a bad one stops the start with its name. The publisher writes
     * Java objects with the application's {@link ObjectMapper} (Jackson's auto-configuration, {@code spring.jackson.*}),
     * or a plain one when there is none.
     */
    @Bean
    @ConditionalOnMissingBean
    public HeraldNode heraldNode(HeraldProperties properties, ObjectProvider<HeraldMetrics> metrics,
                                 ObjectProvider<ObjectMapper> json) {
        return new HeraldNode(properties.brokerOptions(), properties.hubOptions(), properties.routesOptions(),
                properties.routesPrefix(), properties.limitsOptions(), properties.accessOptions(),
                properties.presenceOptions(), properties.loopCount(),
                metrics.getIfAvailable(() -> HeraldMetrics.NONE), json.getIfAvailable(ObjectMapper::new),
                Idempotency.WINDOW.check(properties.getIdempotencyWindow()));
    }

    @Bean
    @ConditionalOnMissingBean
    public HeraldPublisher heraldPublisher(HeraldNode node) {
        return new HeraldPublisher(node.publisher());
    }

    @Bean
    public HeraldEndpoints heraldEndpoints(HeraldNode node) {
        return new HeraldEndpoints(node);
    }

    /** The admin's endpoints at {@code herald.prefix + /admin/<action>}, when a token key is configured. */
    @Bean
    @Conditional(TokenKeyConfigured.class)
    AdminEndpoints heraldAdminEndpoints(HeraldNode node) {
        return new AdminEndpoints(node);
    }

    /** {@code herald.jwt-secret}, {@code herald.jwt-key} or {@code herald.jwt-jwks-url} is set: a token can be an admin's. */
    static final class TokenKeyConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            return binder.bind("herald.jwt-secret", String.class).map(value -> !value.isBlank()).orElse(false)
                    || binder.bind("herald.jwt-key", String.class).map(value -> !value.isBlank()).orElse(false)
                    || binder.bind("herald.jwt-jwks-url", String.class).map(value -> !value.isBlank()).orElse(false);
        }
    }

    /**
     * The console, when {@code herald.console} is not {@code off}: its status announced once a second, its endpoints
     * at {@code herald.prefix + /console}. {@code auto} opens it without a token only when {@code server.address} is
     * loopback; the node id is derived from the host name and {@code server.port} unless {@code herald.node-id} is set.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(ConsoleOn.class)
    static class ConsoleConfiguration {

        @Bean(destroyMethod = "close")
        Console heraldConsole(HeraldNode node, HeraldProperties properties, Environment environment) {
            int port = environment.getProperty("server.port", Integer.class, 8080);
            return Console.start(node.node(), properties.consoleOptions(environment.getProperty("server.address"), port));
        }

        @Bean
        ConsoleEndpoints heraldConsoleEndpoints(HeraldNode node, Console console) {
            return new ConsoleEndpoints(node, console);
        }
    }

    /** {@code herald.console} is not {@code off}; a value that is none of the words is left to the properties to refuse. */
    static final class ConsoleOn implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String value = Binder.get(context.getEnvironment()).bind("herald.console", String.class)
                    .orElse(HeraldConsoleProperties.CONSOLE.defaultValue());
            return !ConsoleMode.OFF.word().equalsIgnoreCase(value.trim());
        }
    }

    /** Herald's meters (herald_streams_open, ...) in the application's registry, when it has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry", "dev.herald.micrometer.MicrometerMetrics"})
    @ConditionalOnBean(MeterRegistry.class)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        HeraldMetrics heraldMetrics(MeterRegistry registry) {
            return new MicrometerMetrics(registry);
        }
    }

    /** {@code herald} in {@code /actuator/health}: DOWN while the broker's Redis connection is lost. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "heraldHealthIndicator")
        HealthIndicator heraldHealthIndicator(HeraldNode node) {
            return new HeraldHealthIndicator(node);
        }
    }
}
