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
import io.strata.schema.model.Metadata;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.StoragePool;
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

  /**
   * A pool that is a dataset of a zpool ({@code tank/strata}) and a pool that is the zpool itself
   * share its free space: a thick zvol reserved in one leaves less in the other.
   */
  @Test
  void aDatasetPoolSharesItsZpoolsFreeSpace() {
    StoragePool whole = zfsPool("whole", "tank");
    StoragePool data = zfsPool("data", "tank/strata");
    NodeState n =
        new NodeState(
            "alpha",
            List.of(),
            List.of(),
            List.of(
                new Zpool("tank", 10 * GIB, 8 * GIB), new Zpool("tank/strata", 10 * GIB, 8 * GIB)),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Capacity c = new Capacity(ObservedState.of(Map.of("alpha", n), Map.of()));
    c.reserve("alpha", data, 3 * GIB);
    assertEquals(5 * GIB, c.free("alpha", whole));
    assertEquals(5 * GIB, c.free("alpha", data));
  }

  private static StoragePool zfsPool(String name, String zpool) {
    return new StoragePool(
        Metadata.named(name),
        "alpha",
        Map.of(),
        new StoragePool.Provider(ProviderType.ZFS, null, null, zpool),
        1.0);
  }

  /** The overcommit limit is enforced in placement, and the refusal says it is the limit. */
  @Test
  void aThinPoolAtItsOvercommitLimitRefusesAndSaysWhy() {
    DesiredState d =
        Desired.create()
            .nodes("alpha")
            .pool("thin", "alpha", ProviderType.LVM_THIN, 1.5)
            .template("t", List.of(io.strata.schema.model.Layer.STORAGE), Desired.redundancy(1))
            .volume("big", "16 GiB", "t", List.of())
            .build();
    ObservedState o = io.strata.planner.testing.Observed.fresh(10, "alpha");
    io.strata.planner.plan.Plan p =
        io.strata.planner.Planner.plan(d, o, io.strata.planner.policy.Policy.DEFAULT, null, "f");
    assertEquals(List.of(), p.changes());
    String why = p.refused().get(0).reason();
    org.junit.jupiter.api.Assertions.assertTrue(
        why.contains(
            "pool thin has 15 GiB free, needs 16 GiB (thin: overcommit 1.50 × 10 GiB = 15 GiB may"
                + " be provisioned; 0 B is; raise overcommit or add space)"),
        why);
    // within the limit it is placed: 15 GiB may be provisioned on a 10 GiB thin pool
    DesiredState fits =
        Desired.create()
            .nodes("alpha")
            .pool("thin", "alpha", ProviderType.LVM_THIN, 1.5)
            .template("t", List.of(io.strata.schema.model.Layer.STORAGE), Desired.redundancy(1))
            .volume("big", "14 GiB", "t", List.of())
            .build();
    assertEquals(
        List.of(),
        io.strata.planner.Planner.plan(fits, o, io.strata.planner.policy.Policy.DEFAULT, null, "f")
            .refused());
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
