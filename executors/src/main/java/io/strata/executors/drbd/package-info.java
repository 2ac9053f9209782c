/**
 * DRBD 9: {@link io.strata.executors.drbd.ResFile} renders and parses Strata's LINSTOR-style
 * resource files, {@link io.strata.executors.drbd.DrbdStatusParser} reads {@code drbdsetup status
 * --json}, {@link io.strata.executors.drbd.DrbdCommands} builds argv, and {@link
 * io.strata.executors.drbd.DrbdExecutor} observes and applies (metadata only on fresh, empty
 * devices).
 */
package io.strata.executors.drbd;
