/** Hand-built plans, observed states and a command preview for the codec and renderer tests. */
package io.strata.planner.samples;
