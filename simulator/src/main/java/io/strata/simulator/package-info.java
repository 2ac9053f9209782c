/**
 * The simulated cluster (ARCHITECTURE.md §9), a module of its own that the executors do not know
 * (the reconciler wires it in): an in-process model of Linux storage nodes driven through the same
 * {@link io.strata.executors.host.Host} interface, answering the real tools' argv with their output
 * formats, rules, texts and exit codes. {@link io.strata.simulator.SimulatedCluster} is the entry
 * point: nodes, persistence, latency, DRBD sync rate, {@link io.strata.simulator.Faults fault
 * injection}, the command log and the data ledger. One package per tool family ({@code lvm}, {@code
 * zfs}, {@code luks}, {@code drbd}, {@code nvme}, {@code sys}); {@code state} is the persisted
 * model, {@code cmd} what the tools share.
 *
 * <p>Decisions worth knowing (the model is faithful where Strata's executors look, simpler
 * elsewhere):
 *
 * <ul>
 *   <li><b>Holds data.</b> A device holds data when (a) a DRBD volume on it became UpToDate
 *       (initial {@code primary --force}, {@code new-current-uuid}, or a finished resync), or (b)
 *       {@link io.strata.simulator.SimulatedCluster#markInUse()} ran while it was at the top of its
 *       stack (nothing stacked on it) or exported as an nvmet namespace — what an application
 *       writes to. Snapshots inherit it. Overwriting or removing such a device (luksFormat, {@code
 *       create-md} with or without {@code --force}, {@code mkfs.*}, {@code wipefs -a}, {@code
 *       shred}, {@code cryptsetup erase}, a shrink, {@code lvremove}, {@code zfs destroy}, {@code
 *       zfs rollback}) is a {@code DATA_LOSS} ledger event unless {@code authorizeDestruction(node,
 *       path)} named the device first (then {@code AUTHORIZED_DESTRUCTION}); the authorization ends
 *       when the device is removed. Blank or never-used devices can be formatted freely.
 *   <li><b>DRBD.</b> Metadata stands for the current UUID by a generation number: a higher
 *       generation wins a resync; split brain is not modelled. A disk is UpToDate when its metadata
 *       is consistent (no Outdated/Consistent states), Inconsistent while created or resyncing,
 *       Diskless without a disk. Two nodes are Connected when both have the resource up, neither is
 *       StandAlone, and each has the other as a peer with matching node-ids and addresses. The
 *       device size is the smallest usable size of the connected diskful members, usable size being
 *       the largest data size whose §4 metadata still fits in the backing device, rounded down to 4
 *       KiB. {@code max-peers} defaults to hosts − 1, as drbdadm does.
 *   <li><b>Time.</b> Resync progress uses wall-clock time plus {@link
 *       io.strata.simulator.SimulatedCluster#advanceTime}; syncRate 0 is instant.
 *   <li><b>Files.</b> Directories appear when a file under them is written; configfs attributes
 *       read back with a trailing newline like the kernel's show functions. Faults are per process
 *       (not persisted); the command log is in memory.
 *   <li><b>Not simulated.</b> Filesystems beyond a signature, LVM VG/PV management ({@code
 *       vgcreate}…), thin pool data usage (always 0.00), {@code drbdsetup events2}, {@code drbdadm
 *       dump}, ZFS filesystems and clones, NVMe RDMA semantics beyond the transport name.
 * </ul>
 */
package io.strata.simulator;
