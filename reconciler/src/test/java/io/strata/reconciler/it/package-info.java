/**
 * Integration tests of the daemon with the real engine on the persistent simulated cluster: a bare
 * repository driven by the {@code git} CLI, the HTTP endpoints, alert delivery, and crash-restart
 * runs of real {@code strata daemon} processes.
 */
package io.strata.reconciler.it;
