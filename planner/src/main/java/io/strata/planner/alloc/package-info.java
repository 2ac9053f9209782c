/**
 * Allocation: gross sizes per layer computed bottom-up from the usable size the user asked for, and
 * DRBD identifiers (TCP port, minor, node-ids) reused from observed state or allocated lowest-free,
 * deterministically; and the canonical form of DRBD option keys ({@link
 * io.strata.planner.alloc.DrbdOptionKeys}), shared with the executors.
 */
package io.strata.planner.alloc;
