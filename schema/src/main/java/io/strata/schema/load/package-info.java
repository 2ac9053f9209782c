/**
 * The public entry point of the schema module: {@link io.strata.schema.load.ManifestLoader} turns a
 * manifest repository (a folder, or path → content from Git) into a {@link
 * io.strata.schema.load.LoadResult}: a {@link io.strata.schema.model.DesiredState} or every {@link
 * io.strata.schema.diag.Diagnostic}.
 */
package io.strata.schema.load;
