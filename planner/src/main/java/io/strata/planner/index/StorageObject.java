package io.strata.planner.index;

import io.strata.planner.observed.DevicePaths;
import io.strata.schema.model.ProviderType;

/**
 * An observed LV or zvol named like a volume's storage ({@code <volume>_00000}) or one of its
 * snapshots. {@code container} is the VG or zpool; {@code thinPool} is set for thin LVs. {@code
 * deleteMarker}: the object records that its volume's deletionPolicy was Delete (see
 * docs/decisions/001-orphan-deletion.md). {@code initMarker}: Strata created the object and has not
 * finished initializing the layers above it, so it holds no data of the user yet
 * (docs/decisions/005-initialization-marker.md). {@code active}: false for an LV that exists but is
 * not active (after a reboot); zvols are always active. {@code source}: what Strata cloned the
 * object from ({@code snapshot:V/S} or {@code volume:V}, docs/decisions/027), null for others.
 * {@code scheduled}: a snapshot taken by the volume's snapshot schedule (marked so,
 * docs/decisions/028); only those are ever pruned by retention.
 */
public record StorageObject(
    String node,
    ProviderType provider,
    String container,
    String thinPool,
    String name,
    long size,
    boolean owned,
    boolean deleteMarker,
    boolean initMarker,
    String snapshot,
    boolean active,
    String source,
    boolean scheduled) {

  /** {@code vg0/pg-data_00000}, {@code tank/pg-data_00000} or with {@code @snap} / snapshot LV. */
  public String display() {
    if (snapshot == null) {
      return container + "/" + name;
    }
    return provider.lvm() ? container + "/" + snapshot : container + "/" + name + "@" + snapshot;
  }

  public String devicePath() {
    return DevicePaths.storage(provider.lvm(), container, name);
  }
}
