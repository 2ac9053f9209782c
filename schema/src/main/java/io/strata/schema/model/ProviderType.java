package io.strata.schema.model;

import java.util.Optional;

/** Storage pool providers: thick/thin LVM and thick/sparse ZFS zvols. */
public enum ProviderType {
  LVM("lvm"),
  LVM_THIN("lvm-thin"),
  ZFS("zfs"),
  ZFS_THIN("zfs-thin");

  private final String yamlName;

  ProviderType(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  public boolean thin() {
    return this == LVM_THIN || this == ZFS_THIN;
  }

  public boolean lvm() {
    return this == LVM || this == LVM_THIN;
  }

  public static Optional<ProviderType> fromYaml(String s) {
    for (ProviderType p : values()) {
      if (p.yamlName.equals(s)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
