package io.strata.planner.plan;

/**
 * The size the user asked for and the gross size allocated on this layer (overheads and rounding).
 */
public record SizeChange(long requested, long allocated) {}
