/**
 * Placement: which nodes hold a volume's diskful replicas, its DRBD tiebreaker, diskless clients
 * and NVMe initiators. Sticky (observed replicas stay), deterministic (most free space, then fewest
 * replicas, then node name), capacity-aware within one plan (reservations), and self-explaining
 * when it cannot be satisfied (one reason per node).
 */
package io.strata.planner.place;
