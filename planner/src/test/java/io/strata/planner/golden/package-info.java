/**
 * Golden-file assertions shared by the planner's tests (renderings now, full planner cases later):
 * compare with a file in {@code src/test/resources}, or rewrite it with {@code
 * -Dstrata.regenerate=true}.
 */
package io.strata.planner.golden;
