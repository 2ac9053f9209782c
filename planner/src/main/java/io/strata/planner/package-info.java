/**
 * The planner: {@link io.strata.planner.Planner#plan} turns desired state, observed state and the
 * operator's policy into a {@link io.strata.planner.plan.Plan}, with no I/O. Sub-packages: {@code
 * dag} (generic graph), {@code index} (observed objects by volume), {@code place} (placement),
 * {@code alloc} (sizes, DRBD ids), {@code diff} (changes), {@code order} (topological order).
 */
package io.strata.planner;
