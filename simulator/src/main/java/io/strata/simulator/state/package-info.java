/**
 * The simulated nodes' state: a small mutable model (plain fields, so Jackson can persist it as one
 * JSON file per node). It is only ever touched inside {@link
 * io.strata.simulator.state.StateStore#transact}, i.e. under the cluster lock.
 */
package io.strata.simulator.state;
