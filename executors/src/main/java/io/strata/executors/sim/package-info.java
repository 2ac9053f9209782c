/**
 * The simulated cluster (ARCHITECTURE.md §9): an in-process model of Linux storage nodes driven
 * through the same {@link io.strata.executors.host.Host} interface, answering the real tools' argv
 * with their output formats, rules, texts and exit codes. {@link
 * io.strata.executors.sim.SimulatedCluster} is the entry point: nodes, persistence, latency, DRBD
 * sync rate, {@link io.strata.executors.sim.Faults fault injection} and the data ledger.
 */
package io.strata.executors.sim;
