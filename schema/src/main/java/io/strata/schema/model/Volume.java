package io.strata.schema.model;

import java.util.List;

/**
 * {@code kind: Volume}: a block device of {@code size} built from {@code template}, with optional
 * placement overrides, the nodes that must see the device ({@code access}), and what happens to its
 * data when it leaves Git. {@code adopt} (null when absent): an existing device to take under
 * management instead of creating one (docs/decisions/022). {@code source} (null when absent): the
 * snapshot or volume whose data the volume starts with when it is created (docs/decisions/027).
 * {@code snapshots} (null when absent): the snapshot schedule and retention (docs/decisions/028).
 */
public record Volume(
    Metadata metadata,
    Size size,
    String template,
    Placement placement,
    List<String> access,
    DeletionPolicy deletionPolicy,
    boolean protect,
    Adopt adopt,
    Source source,
    SnapshotSchedule snapshots) {
  public Volume {
    placement = placement == null ? Placement.NONE : placement;
    access = access == null ? List.of() : List.copyOf(access);
    deletionPolicy = deletionPolicy == null ? DeletionPolicy.RETAIN : deletionPolicy;
  }

  public Volume(
      Metadata metadata,
      Size size,
      String template,
      Placement placement,
      List<String> access,
      DeletionPolicy deletionPolicy,
      boolean protect) {
    this(metadata, size, template, placement, access, deletionPolicy, protect, null, null, null);
  }

  public Volume(
      Metadata metadata,
      Size size,
      String template,
      Placement placement,
      List<String> access,
      DeletionPolicy deletionPolicy,
      boolean protect,
      Adopt adopt) {
    this(metadata, size, template, placement, access, deletionPolicy, protect, adopt, null, null);
  }

  /** This volume with {@code placement} instead of its own override (the planner pins clones). */
  public Volume withPlacement(Placement placement) {
    return new Volume(
        metadata,
        size,
        template,
        placement,
        access,
        deletionPolicy,
        protect,
        adopt,
        source,
        snapshots);
  }

  /**
   * {@code spec.source}: exactly one of {@code snapshot} (a Snapshot's name) and {@code volume} (a
   * Volume's name) is set; the other is null.
   */
  public record Source(String snapshot, String volume) {
    public boolean fromSnapshot() {
      return snapshot != null;
    }

    /** {@code snapshot pg-nightly} or {@code volume pg-data}, for messages. */
    public String describe() {
      return fromSnapshot() ? "snapshot " + snapshot : "volume " + volume;
    }
  }

  /**
   * {@code spec.snapshots}: a Quartz cron {@code schedule} (validated at load) and how many
   * scheduled snapshots to {@code keep}.
   */
  public record SnapshotSchedule(String schedule, int keep) {}

  /**
   * {@code spec.adopt}: the LV ({@code vg/lv}) or zvol ({@code pool/dataset}) on {@code node} that
   * becomes this volume's storage.
   */
  public record Adopt(String node, String device) {
    /** The VG or zpool: the device up to its last {@code /}. */
    public String container() {
      return device.substring(0, device.lastIndexOf('/'));
    }

    /** The LV or zvol name: after the last {@code /}. */
    public String object() {
      return device.substring(device.lastIndexOf('/') + 1);
    }
  }

  public String name() {
    return metadata.name();
  }
}
