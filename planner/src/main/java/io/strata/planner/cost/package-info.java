/**
 * What a plan costs (docs/decisions/013): the bytes each change copies or resyncs with an ETA, the
 * fewest UpToDate replicas each replicated volume keeps while the plan runs, and each touched
 * pool's capacity before and after. Computed by the planner from the ordered changes and the
 * observed state, carried in the Plan, rendered the same way in text, Markdown and JSON.
 */
package io.strata.planner.cost;
