/**
 * LUKS2 containers: {@link io.strata.executors.luks.LuksCommands} (cryptsetup argv, key on stdin),
 * {@link io.strata.executors.luks.LuksParser} ({@code dmsetup ls}, {@code cryptsetup status}),
 * {@link io.strata.executors.luks.LuksExecutor} (format only empty devices, open, resize, close).
 */
package io.strata.executors.luks;
