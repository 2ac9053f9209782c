package io.strata.schema.model;

import java.util.Locale;
import java.util.Optional;

/** A layer of a resource template's stack, LINSTOR style. Stacks are written top-down. */
public enum Layer {
  DRBD,
  NVME,
  LUKS,
  STORAGE;

  /** The manifest spelling: {@code drbd}, {@code nvme}, {@code luks}, {@code storage}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Layer> fromYaml(String s) {
    for (Layer l : values()) {
      if (l.yamlName().equals(s)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
