/**
 * Semantic checks that JSON Schema cannot express: unique names, references between documents,
 * legal layer stacks and their options, secret references, providers, connections, sizes and
 * whether the requested redundancy can be placed at all. One class per concern; each is a pure
 * function from {@link io.strata.schema.check.ManifestSet} to diagnostics.
 */
package io.strata.schema.check;
