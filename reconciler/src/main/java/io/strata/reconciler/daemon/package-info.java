/**
 * The GitOps daemon: the reconcile cycle (fetch → validate → observe → plan → guard → apply →
 * observe → status, status written in a {@code finally}), the drift check, and the {@link
 * io.strata.reconciler.daemon.Daemon} that wires Git, scheduling, HTTP, alerts and metrics. The
 * storage-specific steps sit behind {@link io.strata.reconciler.daemon.CycleSteps}.
 */
package io.strata.reconciler.daemon;
