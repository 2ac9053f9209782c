package io.strata.schema.model;

import java.util.Optional;

/** The manifest kinds of {@code apiVersion: strata.io/v1}. */
public enum Kind {
  NODE("Node"),
  STORAGE_POOL("StoragePool"),
  RESOURCE_TEMPLATE("ResourceTemplate"),
  VOLUME("Volume"),
  SNAPSHOT("Snapshot");

  private final String yamlName;

  Kind(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The spelling used in manifests ({@code kind: StoragePool}). */
  public String yamlName() {
    return yamlName;
  }

  public static Optional<Kind> fromYaml(String name) {
    for (Kind k : values()) {
      if (k.yamlName.equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
