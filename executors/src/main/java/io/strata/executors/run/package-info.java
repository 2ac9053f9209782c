/**
 * Applies a {@link io.strata.planner.plan.Plan}: a dependency-graph walk in the style of
 * Terraform's {@code dag.Walk}. Every change whose dependencies succeeded starts at once, bounded
 * per node and overall; transient failures are retried with jittered backoff; dependants of a
 * failed change are skipped naming the root cause; the result is a {@link
 * io.strata.executors.run.RunReport}. The runner decides nothing about storage: what a change does
 * is the {@link io.strata.executors.run.ChangeApplier}'s business.
 */
package io.strata.executors.run;
