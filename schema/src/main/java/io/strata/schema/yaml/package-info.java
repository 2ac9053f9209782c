/**
 * Safe YAML reading: strict UTF-8 decoding with a size limit ({@link
 * io.strata.schema.yaml.SourceDecoder}), SnakeYAML Engine composition without aliases, duplicate
 * keys or tab indentation ({@link io.strata.schema.yaml.SafeYaml}), and conversion to a Jackson
 * tree that remembers the line and column of every node ({@link io.strata.schema.yaml.Positions}).
 */
package io.strata.schema.yaml;
