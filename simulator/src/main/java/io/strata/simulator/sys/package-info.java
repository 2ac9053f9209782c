/**
 * The simulated node's file system (plain files, directories, symbolic links; configfs paths are
 * handed to {@link io.strata.simulator.nvme.Configfs}) and the small system commands: {@code
 * uname}, {@code true}, {@code mkdir}, {@code rmdir}, {@code rm}, {@code ln}, {@code cat}, {@code
 * blockdev}, {@code udevadm}, {@code mkfs.*}, {@code wipefs}.
 */
package io.strata.simulator.sys;
