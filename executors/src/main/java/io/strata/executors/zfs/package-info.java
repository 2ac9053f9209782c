/**
 * ZFS zvols: {@link io.strata.executors.zfs.ZfsCommands} (zfs/zpool argv, sizes rounded to
 * volblocksize), {@link io.strata.executors.zfs.ZfsParser} ({@code -H -p} tab-separated output),
 * {@link io.strata.executors.zfs.ZfsExecutor} (owner property {@code strata:owner}).
 */
package io.strata.executors.zfs;
