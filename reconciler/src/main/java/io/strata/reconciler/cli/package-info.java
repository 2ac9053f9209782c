/**
 * The {@code strata} command line (picocli): validate, plan, apply, drift, status, sim, demo,
 * daemon. Commands parse options, call the engine, print, and map outcomes to the exit codes of
 * ARCHITECTURE.md §11 — no storage logic lives here.
 */
package io.strata.reconciler.cli;
