/**
 * What Herald reports for a metrics system: {@link dev.herald.metrics.HeraldMetrics}, with no library behind it, and
 * {@link dev.herald.metrics.HeraldCounters}, the node's own totals counted from the same calls.
 */
package dev.herald.metrics;
