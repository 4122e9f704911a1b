package dev.herald.server;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The server's Prometheus registry: Herald's meters (registered by {@code MicrometerMetrics}) beside the JVM's and
 * the process's, under Micrometer's standard names ({@code jvm_memory_used_bytes}, {@code jvm_gc_pause_seconds},
 * {@code jvm_threads_live_threads}, {@code process_cpu_usage}, {@code process_files_open_files}, ...), which the
 * usual JVM dashboards read. Closing it also stops listening to the garbage collector.
 */
final class ServerRegistry extends PrometheusMeterRegistry {

    private final JvmGcMetrics gc = new JvmGcMetrics();

    ServerRegistry() {
        super(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(this);
        new JvmMemoryMetrics().bindTo(this);
        gc.bindTo(this);
        new JvmThreadMetrics().bindTo(this);
        new ProcessorMetrics().bindTo(this);
        new UptimeMetrics().bindTo(this);
        new FileDescriptorMetrics().bindTo(this);
    }

    @Override
    public void close() {
        gc.close();
        super.close();
    }
}
