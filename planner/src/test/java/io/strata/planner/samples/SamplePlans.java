package io.strata.planner.samples;

import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import io.strata.planner.plan.SizeChange;
import io.strata.schema.model.Layer;
import io.strata.schema.model.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hand-built plans that exercise every action and every ObjectSpec variant, for the codec and
 * renderer tests. Built from records, never parsed, so that a codec bug cannot hide in the input.
 */
public final class SamplePlans {
  public static final String FINGERPRINT =
      "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  public static final long GIB = 1L << 30;
  public static final long MIB = 1L << 20;

  private SamplePlans() {}

  public static DrbdConfig pgDataConfig() {
    return DrbdConfig.of(
        "pg-data",
        7000,
        1000,
        "C",
        Map.of("quorum", "majority", "on-no-quorum", "io-error"),
        List.of(
            new DrbdConfig.Host("alpha", 0, "10.0.0.1", "/dev/mapper/strata-pg-data"),
            new DrbdConfig.Host("beta", 1, "10.0.0.2", "/dev/mapper/strata-pg-data"),
            new DrbdConfig.Host("gamma", 2, "10.0.0.3", null)),
        2);
  }

  /** A three-replica DRBD-over-LUKS-over-LVM volume plus one of every other action. */
  public static Plan full() {
    List<Change> c = new ArrayList<>();
    SizeChange data = new SizeChange(10 * GIB, 10 * GIB + 20 * MIB);
    SizeChange luks = new SizeChange(10 * GIB, 10 * GIB + 4 * MIB);
    List<String> pvs = List.of("/dev/sdb");
    for (String node : List.of("alpha", "beta")) {
      c.add(
          new Change(
              "pg-data/" + node + "/storage",
              Action.CREATE,
              Layer.STORAGE,
              node,
              "pg-data",
              "vg0/pg-data_00000",
              data,
              List.of(),
              "replica missing",
              new ObjectSpec.Lv("vg0", null, "pg-data_00000", data.allocated(), pvs, false)));
    }
    for (String node : List.of("alpha", "beta")) {
      c.add(
          new Change(
              "pg-data/" + node + "/luks",
              Action.CREATE,
              Layer.LUKS,
              node,
              "pg-data",
              "strata-pg-data",
              luks,
              List.of("pg-data/" + node + "/storage"),
              "replica missing",
              new ObjectSpec.Luks(
                  "strata-pg-data",
                  "/dev/vg0/pg-data_00000",
                  "aes-xts-plain64",
                  512,
                  SecretRef.parse("env:PG_DATA_KEY"),
                  luks.allocated())));
    }
    DrbdConfig cfg = pgDataConfig();
    List<String> bothLuks = List.of("pg-data/alpha/luks", "pg-data/beta/luks");
    c.add(drbd("alpha", cfg, true, ObjectSpec.Drbd.InitialSync.FORCE_PRIMARY, bothLuks));
    c.add(drbd("beta", cfg, true, ObjectSpec.Drbd.InitialSync.NONE, bothLuks));
    c.add(drbd("gamma", cfg, false, ObjectSpec.Drbd.InitialSync.NONE, bothLuks));
    c.add(
        new Change(
            "pg-data/alpha/storage-snapshot-nightly",
            Action.SNAPSHOT,
            Layer.STORAGE,
            "alpha",
            "pg-data",
            "vg0/nightly",
            null,
            List.of("pg-data/alpha/drbd"),
            "snapshot nightly requested",
            new ObjectSpec.StorageSnapshot(
                new ObjectSpec.Lv("vg0", null, "pg-data_00000", data.allocated(), pvs, false),
                "nightly",
                false)));
    SizeChange grown = new SizeChange(20 * GIB, 20 * GIB);
    c.add(
        new Change(
            "pg-logs/alpha/storage",
            Action.RESIZE,
            Layer.STORAGE,
            "alpha",
            "pg-logs",
            "vg0/pg-logs_00000",
            grown,
            List.of(),
            "size 10GiB -> 20GiB",
            new ObjectSpec.Lv("vg0", "thin0", "pg-logs_00000", grown.allocated(), pvs, false)));
    c.add(
        new Change(
            "media/beta/storage",
            Action.CREATE,
            Layer.STORAGE,
            "beta",
            "media",
            "tank/media_00000",
            new SizeChange(100 * GIB, 100 * GIB),
            List.of(),
            "replica missing",
            new ObjectSpec.Zvol("tank", "media_00000", 100 * GIB, true, 16384, false)));
    c.add(
        new Change(
            "media/beta/nvme",
            Action.CREATE,
            Layer.NVME,
            "beta",
            "media",
            "nqn.2014-08.io.strata:media",
            null,
            List.of("media/beta/storage"),
            "export missing",
            new ObjectSpec.NvmeExport(
                "nqn.2014-08.io.strata:media",
                1,
                "/dev/zvol/tank/media_00000",
                1,
                "tcp",
                "10.0.0.2",
                4420,
                List.of("nqn.2014-08.org.nvmexpress:uuid:delta"))));
    ObjectSpec.NvmeAttach attach =
        new ObjectSpec.NvmeAttach("nqn.2014-08.io.strata:media", "tcp", "10.0.0.2", 4420);
    c.add(
        new Change(
            "media/delta/nvme",
            Action.CONNECT,
            Layer.NVME,
            "delta",
            "media",
            "nqn.2014-08.io.strata:media",
            null,
            List.of("media/beta/nvme"),
            "access node without a replica",
            attach));
    c.add(
        new Change(
            "media/epsilon/nvme",
            Action.DISCONNECT,
            Layer.NVME,
            "epsilon",
            "media",
            "nqn.2014-08.io.strata:media",
            null,
            List.of(),
            "no longer in access",
            attach));
    c.add(
        new Change(
            "pg-data/gamma/drbd-update",
            Action.UPDATE,
            Layer.DRBD,
            "gamma",
            "pg-data",
            "pg-data",
            null,
            List.of("pg-data/gamma/drbd"),
            "options changed: quorum",
            new ObjectSpec.Drbd(cfg, "gamma", false, ObjectSpec.Drbd.InitialSync.NONE)));
    c.add(
        new Change(
            "old-db/gamma/storage",
            Action.DELETE,
            Layer.STORAGE,
            "gamma",
            "old-db",
            "vg0/old-db_00000",
            null,
            List.of(),
            "volume left Git (deletionPolicy Delete, prune)",
            new ObjectSpec.Lv("vg0", null, "old-db_00000", 5 * GIB, pvs, true)));
    return new Plan(
        "3f2a9c1d0e5b7a8f6c4d2e1f0a9b8c7d6e5f4a3b",
        FINGERPRINT,
        c,
        List.of(
            new Refusal("pg-logs", "beta", "shrink from 20GiB to 10GiB refused: never shrink"),
            new Refusal(
                "archive",
                null,
                "cannot place 2 replicas: beta: pool beta-ssd has 3 GiB free, needs 10 GiB;"
                    + " gamma: zone a already holds a replica",
                Refusal.Kind.PLACEMENT)),
        List.of("old-db2: left Git, retained (deletionPolicy Retain)"));
  }

  private static Change drbd(
      String node,
      DrbdConfig cfg,
      boolean fresh,
      ObjectSpec.Drbd.InitialSync sync,
      List<String> deps) {
    return new Change(
        "pg-data/" + node + "/drbd",
        Action.CREATE,
        Layer.DRBD,
        node,
        "pg-data",
        "pg-data",
        null,
        deps,
        node.equals("gamma") ? "diskless tiebreaker missing" : "replica missing",
        new ObjectSpec.Drbd(cfg, node, fresh, sync));
  }

  public static Plan empty() {
    return new Plan(null, FINGERPRINT, List.of(), List.of(), List.of());
  }

  public static Plan refusalsOnly() {
    Plan f = full();
    return new Plan(f.commit(), f.fingerprint(), List.of(), f.refused(), f.warnings());
  }
}
