/**
 * Ordering: turns the Changes' {@code dependsOn} edges into a {@link io.strata.planner.dag.Dag} and
 * lists the changes in its deterministic topological order; drops a set of changes together with
 * everything that depends on them (used by the blast-radius guard).
 */
package io.strata.planner.order;
