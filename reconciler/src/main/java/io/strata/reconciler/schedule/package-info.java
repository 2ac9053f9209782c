/**
 * When cycles run: Quartz triggers (RAM job store) for polling and drift checks, a coalescing
 * single worker so that only one cycle runs at a time and a burst of triggers yields at most one
 * pending cycle, and per-volume failure backoff with jitter.
 */
package io.strata.reconciler.schedule;
