/**
 * LVM thick and thin logical volumes: {@link io.strata.executors.lvm.LvmCommands} builds argv (with
 * the per-VG device filter), {@link io.strata.executors.lvm.LvmParser} reads {@code pvs/vgs/lvs}
 * JSON reports, {@link io.strata.executors.lvm.LvmExecutor} observes and applies through a Host.
 */
package io.strata.executors.lvm;
