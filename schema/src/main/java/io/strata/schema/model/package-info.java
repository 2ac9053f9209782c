/**
 * The typed, immutable model of desired state: one record per manifest kind, plus {@link
 * io.strata.schema.model.DesiredState} which indexes a whole validated repository. Records are
 * built only by the loader after validation succeeded, so every reference in them resolves.
 */
package io.strata.schema.model;
