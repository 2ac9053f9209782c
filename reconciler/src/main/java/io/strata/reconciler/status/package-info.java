/**
 * Status committed back to Git: the model of what is reported per volume and node (facts from the
 * cluster plus kstatus-style conditions), its deterministic YAML rendering, and the writer that
 * commits it to the status branch without a working tree and pushes it with retry.
 */
package io.strata.reconciler.status;
