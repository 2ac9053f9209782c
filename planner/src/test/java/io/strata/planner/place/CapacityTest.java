package io.strata.planner.place;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.observed.Zpool;
import io.strata.planner.observed.Zvol;
import io.strata.planner.testing.Desired;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.ProviderType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityTest {
  static final long GIB = 1L << 30;

  /**
   * Two zfs-thin pools over one zpool with different overcommit ratios: the lower one can be
   * provisioned beyond its own limit by the other. It then has nothing free — not "not observed",
   * which growth and placement read as unlimited (a grow refused in one plan was planned in the
   * next).
   */
  @Test
  void overProvisionedThinPoolHasNothingFree() {
    DesiredState d =
        Desired.create()
            .nodes("alpha")
            .pool("strict", "alpha", ProviderType.ZFS_THIN, 1.0)
            .pool("loose", "alpha", ProviderType.ZFS_THIN, 2.0)
            .build();
    NodeState n =
        new NodeState(
            "alpha",
            List.of(new VolumeGroup("vg0", 20 * GIB, 10 * GIB, 4L << 20, List.of("/dev/sdb"))),
            List.of(new ThinPool("vg0", "thin", 10 * GIB, 0)),
            List.of(new Zpool("tank", 10 * GIB, 10 * GIB)),
            List.of(),
            List.of(new Zvol("tank/v_00000", 15 * GIB, 0, 0, "strata")),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Capacity c = new Capacity(ObservedState.of(Map.of("alpha", n), Map.of()));
    assertEquals(0, c.free("alpha", d.pools().get("strict")));
    assertEquals(5 * GIB, c.free("alpha", d.pools().get("loose")));
  }

  @Test
  void unobservedPoolIsSaidSo() {
    DesiredState d =
        Desired.create().nodes("alpha").pool("p", "alpha", ProviderType.ZFS_THIN, 1.0).build();
    NodeState n =
        new NodeState(
            "alpha", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of());
    Capacity c = new Capacity(ObservedState.of(Map.of("alpha", n), Map.of()));
    assertEquals(Capacity.NOT_OBSERVED, c.free("alpha", d.pools().get("p")));
  }
}
