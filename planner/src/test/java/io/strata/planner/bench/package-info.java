/** Timing harnesses run by hand, never by the test suite. */
package io.strata.planner.bench;
