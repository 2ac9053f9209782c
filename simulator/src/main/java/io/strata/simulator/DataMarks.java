package io.strata.simulator;

import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.NvmetView;
import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.CryptMapping;
import io.strata.simulator.state.LvState;
import io.strata.simulator.state.SimNode;
import io.strata.simulator.state.VgState;
import io.strata.simulator.state.ZfsDataset;
import io.strata.simulator.state.ZpoolState;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which devices hold data for {@link SimulatedCluster#markInUse()}: every device nothing
 * else is stacked on (a top of stack) plus every exported nvmet namespace. DRBD devices mark their
 * backing device themselves once UpToDate. Storage carrying Strata's initialization marker (LV tag
 * {@code strata-init}, zvol property {@code strata:init}) is not a top anyone was given: the layer
 * above it, the device a user gets, does not exist yet (docs/decisions/005).
 */
final class DataMarks {
  private static final String INIT_TAG = "strata-init";
  private static final String INIT_PROPERTY = "strata:init";

  private DataMarks() {}

  /**
   * The nodes with a top not yet marked: what {@link #markTops(ClusterState, SimNode)} would
   * change. Nothing is changed, so a probe's transaction can ask it without storing any node.
   */
  static Set<String> due(ClusterState cs) {
    Set<String> out = new TreeSet<>();
    for (SimNode n : cs.nodes().values()) {
      if (walk(cs, n, false)) {
        out.add(n.name);
      }
    }
    return out;
  }

  /** Marks every top of {@code n}; true when something was not marked before. */
  static boolean markTops(ClusterState cs, SimNode n) {
    return walk(cs, n, true);
  }

  /** Visits each top of {@code n}, marking it when {@code mark}; true when one was unmarked. */
  private static boolean walk(ClusterState cs, SimNode n, boolean mark) {
    boolean found = false;
    for (VgState vg : n.vgs.values()) {
      for (LvState lv : vg.lvs.values()) {
        if (lv.active && !lv.thinPool() && !lv.tags.contains(INIT_TAG)) {
          found |= markIfTop(cs, n, "/dev/" + vg.name + "/" + lv.name, lv.content, mark);
        }
      }
    }
    for (ZpoolState zp : n.zpools.values()) {
      for (ZfsDataset ds : zp.datasets.values()) {
        if ("volume".equals(ds.type) && !ds.userProps.containsKey(INIT_PROPERTY)) {
          found |= markIfTop(cs, n, "/dev/zvol/" + ds.name, ds.content, mark);
        }
      }
    }
    for (CryptMapping m : n.mappings.values()) {
      if (initializing(cs, n, m.device)) {
        continue; // LUKS on storage whose initialization is unfinished: not handed out either
      }
      Optional<Devices.Dev> d = Devices.resolve(cs, n, "/dev/mapper/" + m.name);
      if (d.isPresent()) {
        found |= markIfTop(cs, n, d.get().path(), Devices.content(cs, n, d.get()), mark);
      }
    }
    for (NvmetView.Namespace ns : NvmetView.enabledNamespaces(n)) {
      Optional<Devices.Dev> d = Devices.resolve(cs, n, ns.devicePath());
      if (d.isEmpty()) {
        continue;
      }
      Content c = Devices.content(cs, n, d.get());
      boolean drbdNotReady =
          d.get() instanceof Devices.DrbdDev
              && (c == null || c.drbdMd == null || !c.drbdMd.consistent);
      if (c != null && !drbdNotReady && !c.holdsData) {
        found = true;
        if (mark) {
          c.holdsData = true;
        }
      }
    }
    return found;
  }

  /** True when {@code path} is an LV or zvol carrying the initialization marker. */
  private static boolean initializing(ClusterState cs, SimNode n, String path) {
    Optional<Devices.Dev> d = path == null ? Optional.empty() : Devices.resolve(cs, n, path);
    if (d.isPresent() && d.get() instanceof Devices.LvDev lv) {
      return lv.lv().tags.contains(INIT_TAG);
    }
    if (d.isPresent() && d.get() instanceof Devices.ZvolDev z) {
      return z.ds().userProps.containsKey(INIT_PROPERTY);
    }
    return false;
  }

  private static boolean markIfTop(
      ClusterState cs, SimNode n, String path, Content c, boolean mark) {
    if (c == null || (c.holdsData && c.dataId != null) || Devices.held(cs, n, path)) {
      return false;
    }
    if (mark) {
      c.holdsData = true;
      if (c.dataId == null) {
        c.dataId = n.name + ":" + path + "#" + c.generation;
      }
    }
    return true;
  }
}
