/**
 * What every simulated tool shares: the invocation, argv parsing in the GNU style the real tools
 * use, device resolution across layers (which path is which LV, mapping, DRBD or NVMe device, and
 * who holds it open), and the data ledger.
 */
package io.strata.simulator.cmd;
