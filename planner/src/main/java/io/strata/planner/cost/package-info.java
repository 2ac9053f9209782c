/**
 * Computes what a plan costs (docs/decisions/013) — the data each change copies or resyncs with an
 * ETA ({@link io.strata.planner.cost.SyncRate}), the fewest UpToDate replicas each replicated
 * volume keeps while the plan runs, each touched pool's capacity before and after ({@link
 * io.strata.planner.cost.PoolUsage}, shared with status, metrics and alerts) — into the {@link
 * io.strata.planner.plan.PlanCost} the Plan carries (the records live with the plan, so that the
 * plan package depends on nothing that depends on it).
 */
package io.strata.planner.cost;
