/**
 * Simulated DRBD 9: the resource-file grammar (parsed into {@link
 * io.strata.simulator.drbd.DrbdConf}), {@code drbdadm} (create-md, adjust, up, down, primary,
 * secondary, resize, new-current-uuid, sh-nop with {@code --config-to-test}), {@code drbdsetup
 * status [--json]} in DRBD 9.2's layout, {@code drbdmeta} probes, and the cluster semantics:
 * connections between nodes whose configurations agree, initial sync, resync over simulated time.
 */
package io.strata.simulator.drbd;
