/**
 * Allocation: gross sizes per layer computed bottom-up from the usable size the user asked for, and
 * DRBD identifiers (TCP port, minor, node-ids) reused from observed state or allocated lowest-free,
 * deterministically.
 */
package io.strata.planner.alloc;
