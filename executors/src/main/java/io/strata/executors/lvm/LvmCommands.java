package io.strata.executors.lvm;

import io.strata.executors.layer.Command;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.LogicalVolume;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds LVM argv lists (pure). Every command carries {@code --config 'devices { … }'} that admits
 * only the volume group's physical volumes with anchored, escaped regexes and rejects everything
 * else, so LVM never scans DRBD or LUKS devices stacked above (cookbook §1.1); {@code
 * use_devicesfile=0} makes the filter authoritative on hosts that default to a devices file.
 */
public final class LvmCommands {
  /** The owner tag (ARCHITECTURE.md §5). */
  public static final String OWNER_TAG = "strata";

  /**
   * The delete marker next to the owner tag (docs/decisions/001); the planner reads the same string
   * as {@code ObservedIndex.DELETE_TAG}.
   */
  public static final String DELETE_TAG = ObservedIndex.DELETE_TAG;

  /** The initialization marker (docs/decisions/005); the planner reads the same string. */
  public static final String INIT_TAG = LogicalVolume.INIT_TAG;

  static final String LV_FIELDS =
      "lv_name,vg_name,lv_size,lv_tags,pool_lv,origin,lv_attr,data_percent";
  static final String VG_FIELDS = "vg_name,vg_size,vg_free,vg_extent_size";

  /**
   * PV discovery: everything but devices Strata stacks (DRBD, its LUKS mappings, zvols), so a PV
   * that a user created inside a volume is never mistaken for the host's (no trailing accept-all,
   * cookbook §1.1).
   */
  static final String DISCOVERY_CONFIG = discoveryConfig(ImportedNamespaces.NONE);

  /**
   * {@link #DISCOVERY_CONFIG} that also rejects the namespaces Strata's own NVMe initiator imported
   * (and their partitions): reading one whose target died blocks for {@code ctrl_loss_tmo}, and a
   * PV a tenant made inside one is not the host's.
   */
  static String discoveryConfig(ImportedNamespaces imported) {
    StringBuilder b =
        new StringBuilder(
            "devices { use_devicesfile=0 filter=[ 'r|^/dev/drbd.*|', 'r|^/dev/mapper/strata-.*|',"
                + " 'r|^/dev/zd.*|', 'r|^/dev/zvol/.*|'");
    for (String re : imported.rejectPatterns()) {
      b.append(", 'r|").append(re).append("|'");
    }
    return b.append(" ] }").toString();
  }

  private LvmCommands() {}

  /** {@code devices { use_devicesfile=0 filter=[ 'a|^/dev/sdb$|', 'r|.*|' ] }}. */
  public static String deviceFilter(List<String> physicalVolumes) {
    if (physicalVolumes.isEmpty()) {
      throw new IllegalArgumentException(
          "an LVM device filter needs the volume group's physical volumes; none were given");
    }
    StringBuilder b = new StringBuilder("devices { use_devicesfile=0 filter=[ ");
    for (String pv : physicalVolumes.stream().sorted().distinct().toList()) {
      b.append("'a|^").append(escape(pv)).append("$|', ");
    }
    return b.append("'r|.*|' ] }").toString();
  }

  static String escape(String path) {
    if (path.contains("|") || path.contains("'") || path.contains("\"")) {
      throw new IllegalArgumentException(
          "physical volume path " + path + " contains | or a quote; LVM filters cannot express it");
    }
    StringBuilder b = new StringBuilder();
    for (char c : path.toCharArray()) {
      if (".[]()*+?^${}\\".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /** Sizes go to LVM in KiB ({@code <n>k}), rounded up; LVM then rounds up to its extent. */
  public static String kib(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("an LV size must be positive, got " + bytes + " bytes");
    }
    return ((bytes + 1023) / 1024) + "k";
  }

  public static Command pvs() {
    return pvs(ImportedNamespaces.NONE);
  }

  public static Command pvs(ImportedNamespaces imported) {
    return report("pvs", discoveryConfig(imported), "pv_name,vg_name", List.of());
  }

  /**
   * Observation in one command (decision 025): every VG the discovery filter lets LVM see, each
   * with its VG row, PV rows and LV rows ({@code lvm fullreport}, one report section per VG, and
   * one for PVs in no VG). The segment reports it always adds are cut to one field each.
   */
  public static Command fullReport(ImportedNamespaces imported) {
    return Command.of(
        "lvm",
        "fullreport",
        "--config",
        discoveryConfig(imported),
        "--reportformat",
        "json",
        "--units",
        "b",
        "--nosuffix",
        "--configreport",
        "vg",
        "-o",
        VG_FIELDS,
        "--configreport",
        "pv",
        "-o",
        "pv_name,vg_name",
        "--configreport",
        "lv",
        "-o",
        LV_FIELDS,
        "--configreport",
        "pvseg",
        "-o",
        "pv_name",
        "--configreport",
        "seg",
        "-o",
        "lv_name");
  }

  public static Command vgs(List<String> pvs, List<String> vgs) {
    return report("vgs", deviceFilter(pvs), VG_FIELDS, vgs);
  }

  public static Command lvs(List<String> pvs, List<String> vgs) {
    return report("lvs", deviceFilter(pvs), LV_FIELDS, vgs);
  }

  /** One batched JSON report (cookbook §1.3): sizes in bytes without suffix, the given fields. */
  private static Command report(String tool, String config, String fields, List<String> vgs) {
    List<String> a =
        new ArrayList<>(
            List.of(
                tool,
                "--config",
                config,
                "--reportformat",
                "json",
                "--units",
                "b",
                "--nosuffix",
                "-o",
                fields));
    a.addAll(vgs);
    return Command.of(a);
  }

  /**
   * Thick LV tagged {@code strata}, {@code strata-delete} with {@code deleteMarker}
   * (docs/decisions/001) and {@code strata-init} with {@code initMarker} (docs/decisions/005): the
   * tags are set in the same command, so no LV exists without them.
   */
  public static Command createThick(
      List<String> pvs,
      String vg,
      String lv,
      long bytes,
      boolean deleteMarker,
      boolean initMarker) {
    List<String> a =
        new ArrayList<>(
            List.of("lvcreate", "--config", deviceFilter(pvs), "--size", kib(bytes), "--name", lv));
    a.addAll(tags(deleteMarker));
    if (initMarker) {
      a.addAll(List.of("--addtag", INIT_TAG));
    }
    a.addAll(List.of("-y", vg));
    return Command.of(a);
  }

  /** Thin LV in {@code vg/pool}, with the marker tags as asked. */
  public static Command createThin(
      List<String> pvs,
      String vg,
      String pool,
      String lv,
      long bytes,
      boolean deleteMarker,
      boolean initMarker) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "lvcreate",
                "--config",
                deviceFilter(pvs),
                "--virtualsize",
                kib(bytes),
                "--thinpool",
                pool,
                "--name",
                lv));
    a.addAll(tags(deleteMarker));
    if (initMarker) {
      a.addAll(List.of("--addtag", INIT_TAG));
    }
    a.add(vg);
    return Command.of(a);
  }

  /** {@code --addtag strata [--addtag strata-delete]}. */
  static List<String> tags(boolean deleteMarker) {
    return deleteMarker
        ? List.of("--addtag", OWNER_TAG, "--addtag", DELETE_TAG)
        : List.of("--addtag", OWNER_TAG);
  }

  /**
   * Marks an existing LV as Strata's ({@code lvchange --addtag strata [--addtag strata-delete]}):
   * the adoption of {@code Volume.spec.adopt}; touches nothing but tags.
   */
  public static Command adopt(List<String> pvs, String vg, String lv, boolean deleteMarker) {
    List<String> a = new ArrayList<>(List.of("lvchange", "--config", deviceFilter(pvs)));
    a.addAll(tags(deleteMarker));
    a.add(vg + "/" + lv);
    return Command.of(a);
  }

  /**
   * Adds or removes the delete marker tag of an existing LV or snapshot LV ({@code lvchange
   * --addtag|--deltag strata-delete}); both are no-ops when the tag is already so (exit 0).
   */
  public static Command deleteMarker(List<String> pvs, String vg, String lv, boolean on) {
    return Command.of(
        "lvchange",
        "--config",
        deviceFilter(pvs),
        on ? "--addtag" : "--deltag",
        DELETE_TAG,
        vg + "/" + lv);
  }

  /**
   * Brings both markers of a volume's storage LV to the given state in one {@code lvchange}; adding
   * a tag that is there or deleting one that is not is a no-op (exit 0), so the command states the
   * whole wanted state.
   */
  public static Command markers(
      List<String> pvs, String vg, String lv, boolean deleteMarker, boolean initMarker) {
    return Command.of(
        "lvchange",
        "--config",
        deviceFilter(pvs),
        deleteMarker ? "--addtag" : "--deltag",
        DELETE_TAG,
        initMarker ? "--addtag" : "--deltag",
        INIT_TAG,
        vg + "/" + lv);
  }

  /**
   * Activates an LV ({@code lvchange --activate y}); a thin LV's pool is activated with it. On an
   * active LV it is a no-op (exit 0).
   */
  public static Command activate(List<String> pvs, String vg, String lv) {
    return Command.of("lvchange", "--config", deviceFilter(pvs), "--activate", "y", vg + "/" + lv);
  }

  /** Grow only: {@code lvextend} refuses to shrink, unlike LINSTOR's {@code lvresize -f}. */
  public static Command extend(List<String> pvs, String vg, String lv, long bytes) {
    return Command.of(
        "lvextend", "--config", deviceFilter(pvs), "--size", kib(bytes), vg + "/" + lv);
  }

  public static Command remove(List<String> pvs, String vg, String lv) {
    return Command.of("lvremove", "--config", deviceFilter(pvs), "-y", vg + "/" + lv);
  }

  /**
   * A thin LV made from the thin LV or thin snapshot {@code source} (cookbook §1.7, "restore to a
   * new LV"): {@code lvcreate --snapshot}, writable, without the activation-skip flag (so it comes
   * back after a reboot like any volume) and active at once; owned, marked and carrying its source
   * ({@code strata-source=…}) from the same command.
   */
  public static Command cloneThin(
      List<String> pvs, String vg, String source, String lv, boolean deleteMarker, String marker) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "lvcreate",
                "--config",
                deviceFilter(pvs),
                "--snapshot",
                "--setactivationskip",
                "n",
                "--ignoreactivationskip",
                "--activate",
                "y",
                "--permission",
                "rw",
                "--name",
                lv));
    a.addAll(tags(deleteMarker));
    a.addAll(List.of("--addtag", LogicalVolume.SOURCE_TAG_PREFIX + marker));
    a.add(vg + "/" + source);
    return Command.of(a);
  }

  /**
   * The thick LV a block copy writes into: owned, with the initialization marker (it holds no data
   * of the user until the copy is complete) and its source, from the same command.
   */
  public static Command createCopyTarget(
      List<String> pvs, String vg, String lv, long bytes, boolean deleteMarker, String marker) {
    List<String> a =
        new ArrayList<>(
            List.of("lvcreate", "--config", deviceFilter(pvs), "--size", kib(bytes), "--name", lv));
    a.addAll(tags(deleteMarker));
    a.addAll(List.of("--addtag", INIT_TAG, "--addtag", LogicalVolume.SOURCE_TAG_PREFIX + marker));
    a.addAll(List.of("-y", vg));
    return Command.of(a);
  }

  /**
   * Copies every block of {@code from} onto {@code to} with {@code dd}: direct I/O both ways, the
   * data flushed before it exits, never creating a file when {@code to} is missing ({@code
   * nocreat}), progress on stderr. No {@code conv=sparse}: a new thick LV is not zeroed (cookbook
   * §1.4), so skipping the source's zero blocks would leave old data where the source has zeros.
   */
  public static Command copy(String from, String to) {
    return Command.of(
        "dd",
        "if=" + from,
        "of=" + to,
        "bs=4M",
        "iflag=direct",
        "oflag=direct",
        "conv=fsync,nocreat",
        "status=progress");
  }

  /** Thin snapshot, with the delete marker tag when its Snapshot says deletionPolicy Delete. */
  public static Command snapshotThin(
      List<String> pvs, String vg, String origin, String snap, boolean deleteMarker) {
    return snapshotThin(pvs, vg, origin, snap, deleteMarker, false);
  }

  /** Thin snapshot; {@code scheduled} adds the scheduled-snapshot tag (docs/decisions/028). */
  public static Command snapshotThin(
      List<String> pvs,
      String vg,
      String origin,
      String snap,
      boolean deleteMarker,
      boolean scheduled) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "lvcreate",
                "--config",
                deviceFilter(pvs),
                "--snapshot",
                "--setactivationskip",
                "y",
                "--ignoreactivationskip",
                "--activate",
                "y",
                "--name",
                snap));
    a.addAll(tags(deleteMarker));
    if (scheduled) {
      a.addAll(List.of("--addtag", ObservedIndex.SCHEDULED_TAG));
    }
    a.add(vg + "/" + origin);
    return Command.of(a);
  }

  /** Thick snapshot, with the delete marker tag when asked. */
  public static Command snapshotThick(
      List<String> pvs, String vg, String origin, String snap, long bytes, boolean deleteMarker) {
    return snapshotThick(pvs, vg, origin, snap, bytes, deleteMarker, false);
  }

  /** Thick snapshot; {@code scheduled} adds the scheduled-snapshot tag (docs/decisions/028). */
  public static Command snapshotThick(
      List<String> pvs,
      String vg,
      String origin,
      String snap,
      long bytes,
      boolean deleteMarker,
      boolean scheduled) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "lvcreate",
                "--config",
                deviceFilter(pvs),
                "--size",
                kib(bytes),
                "--snapshot",
                "--name",
                snap));
    a.addAll(tags(deleteMarker));
    if (scheduled) {
      a.addAll(List.of("--addtag", ObservedIndex.SCHEDULED_TAG));
    }
    a.add(vg + "/" + origin);
    return Command.of(a);
  }
}
