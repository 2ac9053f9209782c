/**
 * Diff: desired objects (from placement and allocation) against observed objects, per volume, node
 * and layer, giving Changes with their {@code dependsOn} edges (ARCHITECTURE.md §6.3–6.4), refusals
 * that say what to do, and warnings. Also the rules for volumes that left Git and the blast-radius
 * guard.
 */
package io.strata.planner.diff;
