/**
 * The layer executors put together: {@link io.strata.executors.stack.LayerExecutors} routes each
 * change to the executor of its layer and observes a node layer by layer; {@link
 * io.strata.executors.stack.ExecutorCommandPreview} shows the commands a plan will run. It sits
 * above the backends (lvm, zfs, luks, drbd, nvme), which only know the capability interfaces of
 * {@code layer}, so no package depends on itself through another.
 */
package io.strata.executors.stack;
