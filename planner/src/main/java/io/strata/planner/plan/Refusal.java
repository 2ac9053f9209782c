package io.strata.planner.plan;

/**
 * Something the plan will not do, and why in words an operator can act on. {@code node} is null
 * when the refusal concerns the whole volume.
 */
public record Refusal(String volume, String node, String reason) {}
