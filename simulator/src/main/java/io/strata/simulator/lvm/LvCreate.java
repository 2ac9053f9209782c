package io.strata.simulator.lvm;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Args.Opt;
import io.strata.simulator.cmd.DataLedger;
import io.strata.simulator.cmd.Ids;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.LvState;
import io.strata.simulator.state.VgState;
import java.util.List;
import java.util.regex.Pattern;

/** {@code lvcreate}: thick, thin pool, thin, thick and thin snapshots. */
final class LvCreate {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9+_.][A-Za-z0-9+_.-]*");
  static final Pattern TAG = Pattern.compile("[A-Za-z0-9_+.\\-/=!:#&]+");

  private static final List<Opt> OPTS =
      List.of(
          Opt.value("size", "-L", "--size"),
          Opt.value("extents", "-l", "--extents"),
          Opt.value("name", "-n", "--name"),
          Opt.value("virtualsize", "-V", "--virtualsize"),
          Opt.flag("thin", "-T", "--thin"),
          Opt.value("thinpool", "--thinpool"),
          Opt.value("type", "--type"),
          Opt.flag("snapshot", "-s", "--snapshot"),
          Opt.value("addtag", "--addtag"),
          Opt.value("activate", "-a", "--activate"),
          Opt.value("zero", "-Z", "--zero"),
          Opt.value("wipesignatures", "-W", "--wipesignatures"),
          Opt.flag("ignoreactivationskip", "-K", "--ignoreactivationskip"),
          Opt.value("setactivationskip", "-k", "--setactivationskip"),
          Opt.value("permission", "-p", "--permission"),
          Opt.value("poolmetadatasize", "--poolmetadatasize"),
          Opt.value("chunksize", "-c", "--chunksize"),
          Opt.value("stripes", "-i", "--stripes"),
          Opt.value("stripesize", "-I", "--stripesize"),
          Opt.value("readahead", "-r", "--readahead"),
          Opt.value("contiguous", "-C", "--contiguous"));

  private LvCreate() {}

  static Result run(Invocation inv) throws LvmError {
    LvmContext c = LvmContext.of(inv, OPTS);
    List<String> pos = c.args.positionals();
    String type = c.args.value("type");
    boolean snapshot = c.args.has("snapshot") || "snapshot".equals(type);
    boolean thin = c.args.has("virtualsize") && !snapshot || "thin".equals(type);
    boolean pool = "thin-pool".equals(type) || (c.args.has("thin") && !thin && !snapshot);
    if (pos.isEmpty() && c.args.value("thinpool") == null) {
      throw LvmError.badArgs(
          "Please specify a logical volume path.\n  Run `lvcreate --help' for more information.");
    }
    String target = pos.isEmpty() ? c.args.value("thinpool") : pos.get(0);
    String[] vp = LvmContext.split(target);
    String name = c.args.value("name");
    if (name != null && name.contains("/")) {
      vp = new String[] {LvmContext.split(name)[0], vp[1]};
      name = LvmContext.split(name)[1];
    }
    VgState vg = c.vg(vp[0]);
    for (String tag : c.args.values("addtag")) {
      if (!TAG.matcher(tag).matches()) {
        throw LvmError.badArgs(
            "Invalid argument for --addtag: " + tag + "\n  Error during parsing of command line.");
      }
    }
    if (name == null) {
      int i = 0;
      while (vg.lvs.containsKey("lvol" + i)) {
        i++;
      }
      name = "lvol" + i;
    }
    if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw LvmError.badArgs(
          "Logical volume name \""
              + name
              + "\" is invalid.\n  Run `lvcreate --help' for more information.");
    }
    if (vg.lvs.containsKey(name)) {
      throw LvmError.failed(
          "Logical Volume \"" + name + "\" already exists in volume group \"" + vg.name + "\"");
    }
    LvState lv = new LvState();
    lv.name = name;
    lv.uuid =
        Ids.lvmUuid(
            inv.node().name
                + "/lv/"
                + vg.name
                + "/"
                + name
                + "/"
                + inv.cluster().meta().counters().nextGeneration);
    lv.tags.addAll(c.args.values("addtag"));
    lv.active = !"n".equals(c.args.value("activate"));
    lv.readOnly = "r".equals(c.args.value("permission"));
    StringBuilder err = new StringBuilder();
    if (snapshot) {
      LvState origin = c.lv(vg.name + "/" + (vp[1].isEmpty() ? "" : vp[1]));
      lv.origin = origin.name;
      Content copy = DataLedger.fresh(inv);
      if (origin.content != null) {
        origin.content.copyDataTo(copy);
      }
      lv.content = copy;
      if (!c.args.has("size") && !c.args.has("extents")) {
        if (!origin.thinVolume()) {
          throw LvmError.badArgs("Please specify either size or extents with snapshots.");
        }
        lv.kind = "thin";
        lv.pool = origin.pool;
        lv.sizeBytes = origin.sizeBytes;
        lv.skipActivation = !"n".equals(c.args.value("setactivationskip"));
        lv.active = lv.active && (!lv.skipActivation || c.args.has("ignoreactivationskip"));
      } else {
        lv.kind = "snapshot";
        allocate(c, vg, lv, err);
      }
    } else if (thin) {
      String poolName = c.args.value("thinpool");
      if (poolName == null) {
        poolName = vp[1];
      } else if (poolName.contains("/")) {
        poolName = LvmContext.split(poolName)[1];
      }
      LvState p = vg.lvs.get(poolName);
      if (p == null || !p.thinPool()) {
        throw LvmError.failed("Failed to find logical volume \"" + vg.name + "/" + poolName + "\"");
      }
      long bytes = LvmSize.parse(c.args.value("virtualsize"), "--virtualsize").bytes();
      long extents = roundedExtents(vg, bytes, err);
      lv.kind = "thin";
      lv.pool = p.name;
      lv.sizeBytes = extents * vg.extentSize;
      if (lv.active) {
        p.active = true; // LVM activates an inactive pool (after a reboot) for the new volume
      }
      long sum =
          lv.sizeBytes
              + vg.lvs.values().stream()
                  .filter(o -> p.name.equals(o.pool))
                  .mapToLong(o -> o.sizeBytes)
                  .sum();
      if (sum > p.sizeBytes) {
        err.append("  WARNING: Sum of all thin volume sizes (")
            .append(LvmSize.display(sum))
            .append(") exceeds the size of thin pool ")
            .append(vg.name)
            .append('/')
            .append(p.name)
            .append(" (")
            .append(LvmSize.display(p.sizeBytes))
            .append(").\n");
      }
      lv.content = DataLedger.fresh(inv);
    } else {
      lv.kind = pool ? "thin-pool" : "linear";
      if (pool && vp[1].length() > 0 && c.args.value("name") == null) {
        lv.name = vp[1];
      }
      allocate(c, vg, lv, err);
      lv.content = DataLedger.fresh(inv);
    }
    vg.lvs.put(lv.name, lv);
    return inv.ok("  Logical volume \"" + lv.name + "\" created.\n", err.toString());
  }

  private static void allocate(LvmContext c, VgState vg, LvState lv, StringBuilder err)
      throws LvmError {
    long extents;
    if (c.args.has("size") == c.args.has("extents")) {
      throw LvmError.badArgs(
          "Please specify either size or extents (not both).\n  Run `lvcreate --help' for more information.");
    }
    if (c.args.has("size")) {
      extents = roundedExtents(vg, LvmSize.parse(c.args.value("size"), "--size").bytes(), err);
    } else {
      extents = extents(vg, c.args.value("extents"));
    }
    if (extents > vg.freeExtents()) {
      throw LvmError.failed(
          "Volume group \""
              + vg.name
              + "\" has insufficient free space ("
              + vg.freeExtents()
              + " extents): "
              + extents
              + " required.");
    }
    if (extents == 0) {
      throw LvmError.badArgs("Size must be larger than 0.");
    }
    lv.extents = extents;
    lv.sizeBytes = extents * vg.extentSize;
  }

  static long roundedExtents(VgState vg, long bytes, StringBuilder err) {
    long extents = (bytes + vg.extentSize - 1) / vg.extentSize;
    if (extents * vg.extentSize != bytes) {
      err.append("  Rounding up size to full physical extent ")
          .append(LvmSize.display(extents * vg.extentSize))
          .append('\n');
    }
    return extents;
  }

  private static long extents(VgState vg, String spec) throws LvmError {
    try {
      if (spec.endsWith("%FREE")) {
        return vg.freeExtents() * Long.parseLong(spec.substring(0, spec.length() - 5)) / 100;
      }
      if (spec.endsWith("%VG")) {
        return vg.extentCount * Long.parseLong(spec.substring(0, spec.length() - 3)) / 100;
      }
      return Long.parseLong(spec);
    } catch (NumberFormatException e) {
      throw LvmError.badArgs("Invalid argument for --extents: " + spec);
    }
  }
}
