/**
 * Black-box tests: the built {@code strata.jar} run as a separate process, exactly as a user runs
 * it, asserting on stdout, stderr and exit codes only (failsafe, {@code mvn -B verify}).
 */
package io.strata.reconciler.blackbox;
