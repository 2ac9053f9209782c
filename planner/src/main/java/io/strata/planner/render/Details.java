package io.strata.planner.render;

import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.plan.ObjectSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few facts of a spec a reviewer wants beside the object name (thin pool, key reference, DRBD
 * port and minor, NVMe address). A LUKS key is shown as its reference only — the model never holds
 * more.
 */
final class Details {
  private Details() {}

  static String of(ObjectSpec spec) {
    List<String> d = new ArrayList<>();
    if (spec instanceof ObjectSpec.Lv lv) {
      if (lv.thinPool() != null) {
        d.add("thin pool " + lv.vg() + "/" + lv.thinPool());
      }
    } else if (spec instanceof ObjectSpec.Zvol z) {
      if (z.sparse()) {
        d.add("sparse");
      }
    } else if (spec instanceof ObjectSpec.Luks l) {
      d.add(l.passphraseRef() == null ? "no key reference" : "key " + l.passphraseRef());
    } else if (spec instanceof ObjectSpec.Drbd drbd) {
      DrbdConfig c = drbd.config();
      if (c != null) {
        d.add("port " + c.port() + ", minor " + c.minor());
        if (c.host(drbd.node()).map(DrbdConfig.Host::diskless).orElse(false)) {
          d.add("diskless");
        }
      }
      if (drbd.initialSync() != null && drbd.initialSync() != ObjectSpec.Drbd.InitialSync.NONE) {
        d.add(
            "initial sync " + drbd.initialSync().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    } else if (spec instanceof ObjectSpec.NvmeExport n) {
      d.add(n.transport() + " " + n.address() + ":" + n.serviceId());
    } else if (spec instanceof ObjectSpec.NvmeAttach a) {
      d.add(a.transport() + " " + a.address() + ":" + a.serviceId());
    } else if (spec instanceof ObjectSpec.StorageSnapshot s) {
      if (s.origin() instanceof ObjectSpec.Lv lv) {
        d.add("of " + lv.vg() + "/" + lv.name());
      } else if (s.origin() instanceof ObjectSpec.Zvol z) {
        d.add("of " + z.dataset());
      }
      if (s.suspended()) {
        d.add("I/O suspended, at most " + s.boundMillis() / 1000 + " s");
      }
    } else if (spec instanceof ObjectSpec.StorageClone c) {
      d.add(
          switch (c.method()) {
            case THIN_SNAPSHOT -> "thin snapshot of " + c.marker() + ", no data copied";
            case ZFS_CLONE -> "zfs clone of " + c.marker() + ", no data copied";
            case BLOCK_COPY ->
                "block copy of " + c.marker() + ", " + SizeText.human(c.copyBytes()) + " copied";
          });
    } else if (spec instanceof ObjectSpec.Adoption a) {
      d.add("adoption: tags only, data kept");
    } else if (spec instanceof ObjectSpec.DrbdIoFence f) {
      d.add(f.suspend() ? "suspend-io" : "resume-io, runs even if the snapshot fails");
    }
    return String.join(", ", d);
  }
}
