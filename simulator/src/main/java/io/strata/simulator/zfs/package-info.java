/**
 * Simulated OpenZFS 2.1 for zvols: {@code zfs
 * list/get/create/set/inherit/destroy/snapshot/rollback/clone} and {@code zpool list/get}, with
 * {@code -H}/{@code -p} output, {@code -} for unset properties, rc 1 and libzfs's texts on every
 * error (2 for usage errors).
 */
package io.strata.simulator.zfs;
