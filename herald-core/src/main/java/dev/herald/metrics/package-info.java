/** What Herald reports for a metrics system: {@link dev.herald.metrics.HeraldMetrics}, with no library behind it. */
package dev.herald.metrics;
