package io.strata.planner.testing;

import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.observed.Zpool;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Builds observed states of empty nodes for tests. */
public final class Observed {
  public static final long GIB = 1L << 30;

  private Observed() {}

  /** The host NQN test nodes report: one per node, as nvme gen-hostnqn makes on real machines. */
  public static String hostNqn(String node) {
    return "nqn.2014-08.org.nvmexpress:uuid:" + UUID.nameUUIDFromBytes(node.getBytes());
  }

  /**
   * An empty node with vg0 (thick free {@code gib}), vg0/thin and zpool tank of the same size, and
   * its own host NQN.
   */
  public static NodeState emptyNode(String node, long gib) {
    long b = gib * GIB;
    return new NodeState(
        node,
        List.of(new VolumeGroup("vg0", 2 * b, b, 4L << 20, List.of("/dev/sdb"))),
        List.of(new ThinPool("vg0", "thin", b, 0)),
        List.of(new Zpool("tank", b, b)),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        hostNqn(node),
        Map.of());
  }

  public static ObservedState fresh(long gib, String... nodes) {
    Map<String, NodeState> m = new TreeMap<>();
    for (String n : nodes) {
      m.put(n, emptyNode(n, gib));
    }
    return ObservedState.of(m, Map.of());
  }
}
