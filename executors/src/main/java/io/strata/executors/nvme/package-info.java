/**
 * NVMe-oF: the target side through the nvmet configfs tree ({@link
 * io.strata.executors.nvme.NvmeTargetExecutor}, paths in {@link io.strata.executors.nvme.Nvmet})
 * and the initiator side through nvme-cli ({@link io.strata.executors.nvme.NvmeInitiatorExecutor},
 * {@link io.strata.executors.nvme.NvmeCommands}, {@link io.strata.executors.nvme.NvmeParser}).
 */
package io.strata.executors.nvme;
