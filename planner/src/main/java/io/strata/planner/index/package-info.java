/**
 * One pass over the observed state that indexes every object by the volume it belongs to (by
 * Strata's naming conventions), so that planning 10,000 volumes never rescans 1,000 nodes per
 * volume. Holds no policy: ownership is recorded, not judged.
 */
package io.strata.planner.index;
