/**
 * Log output discipline: every line to stderr, one line per event, Strata at the configured level
 * and third-party libraries at WARN ({@link io.strata.reconciler.logging.StderrLogConfigurator}),
 * optionally JSON lines.
 */
package io.strata.reconciler.logging;
