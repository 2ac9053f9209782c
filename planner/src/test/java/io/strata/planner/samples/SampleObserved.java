package io.strata.planner.samples;

import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.observed.Zpool;
import io.strata.planner.observed.Zvol;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An observed cluster with one object of every kind, for codec and fingerprint tests. */
public final class SampleObserved {
  private SampleObserved() {}

  public static NodeState alpha(double percentInSync, long thinUsed) {
    long gib = SamplePlans.GIB;
    return new NodeState(
        "alpha",
        List.of(new VolumeGroup("vg0", 100 * gib, 60 * gib, 4 << 20, List.of("/dev/sdb"))),
        List.of(new ThinPool("vg0", "thin0", 50 * gib, thinUsed)),
        List.of(new Zpool("tank", 200 * gib, 150 * gib)),
        List.of(
            new LogicalVolume(
                "vg0",
                "pg-data_00000",
                10 * gib + (20 << 20),
                new TreeSet<>(List.of("strata")),
                null,
                null,
                "-wi-ao----"),
            new LogicalVolume(
                "vg0",
                "pg-logs_00000",
                10 * gib,
                new TreeSet<>(List.of("strata")),
                "thin0",
                null,
                "Vwi-aotz--"),
            LogicalVolume.of("vg0", "root", 20 * gib, Set.of())),
        List.of(new Zvol("tank/media_00000", 100 * gib, 1 << 20, 0, "strata")),
        List.of(
            new LuksDevice("strata-pg-data", "/dev/vg0/pg-data_00000", 10 * gib + (4 << 20), true)),
        List.of(
            new DrbdResource(
                "pg-data",
                true,
                SamplePlans.pgDataConfig(),
                new DrbdResource.Runtime(
                    "Secondary",
                    0,
                    "UpToDate",
                    10 * gib,
                    List.of(
                        new DrbdResource.Peer(
                            "beta", 1, "Connected", "Inconsistent", "SyncSource", percentInSync),
                        new DrbdResource.Peer(
                            "gamma", 2, "Connected", "Diskless", "Established", 100.0)))),
            new DrbdResource("legacy", false, null, null)),
        List.of(
            new NvmeSubsystem(
                "nqn.2014-08.io.strata:media",
                List.of(new NvmeSubsystem.Namespace(1, "/dev/zvol/tank/media_00000", true, gib)),
                List.of(new NvmeSubsystem.Port(1, "tcp", "10.0.0.1", 4420)),
                List.of("nqn.2014-08.org.nvmexpress:uuid:delta"),
                false)),
        List.of(
            new NvmeConnection(
                "nqn.2014-08.io.strata:other", "tcp", "10.0.0.9", 4420, "live", "/dev/nvme0n1")));
  }

  public static ObservedState cluster() {
    return ObservedState.of(
        Map.of("alpha", alpha(42.5, 1L << 30), "beta", NodeState.empty("beta")),
        Map.of("gamma", "ssh: connect to host 10.0.0.3 port 22: No route to host"));
  }
}
