/**
 * The fingerprint of an observed state: what a saved plan records so that it is applied only while
 * the world still matches what it was made from (a {@code stale plan} otherwise, ARCHITECTURE.md
 * §6.5).
 */
package io.strata.planner.fingerprint;
