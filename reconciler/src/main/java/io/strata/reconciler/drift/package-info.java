/**
 * Drift (ARCHITECTURE.md §10): every way the cluster differs from Git, healed or not, each with one
 * {@link io.strata.reconciler.drift.DriftClass} that {@code strata drift}, status, metrics and
 * alerts share. {@link io.strata.reconciler.drift.DriftClassifier} is the one place that decides
 * the class: a pure function of the desired state, the observation and a heal-everything plan.
 */
package io.strata.reconciler.drift;
