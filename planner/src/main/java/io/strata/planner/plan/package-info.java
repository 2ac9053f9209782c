/**
 * The Plan: an immutable list of Changes in a valid topological order, refusals with reasons, and
 * warnings. A Change names what to do ({@link io.strata.planner.plan.Action}) to which object
 * ({@link io.strata.planner.plan.ObjectSpec}) on which node; executors turn it into commands and
 * never decide anything themselves. {@code reason} is for humans only.
 */
package io.strata.planner.plan;
