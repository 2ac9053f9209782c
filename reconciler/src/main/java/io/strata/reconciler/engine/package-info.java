/**
 * The engine behind the one-shot commands and the daemon's cycle: load the manifests, connect to
 * the nodes (real or simulated), observe, plan, apply and verify. It wires the modules together and
 * owns no storage logic of its own.
 */
package io.strata.reconciler.engine;
