/**
 * Simulated NVMe-oF: the Linux nvmet configfs tree with the kernel's rules (EBUSY, EACCES, EINVAL,
 * ENOTEMPTY where 6.1 returns them) and nvme-cli as initiator ({@code connect}, {@code disconnect},
 * {@code list-subsys -o json}, {@code list -o json}) against the targets the other simulated nodes
 * export, and the initiator sysfs ({@code /sys/devices/virtual/nvme-fabrics/ctl}, {@code
 * /sys/class/nvme}, {@code /sys/class/nvme-subsystem}) an agent reads to find the block device.
 */
package io.strata.simulator.nvme;
