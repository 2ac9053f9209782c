package io.strata.planner.testing;

import io.strata.planner.Planner;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.observed.Zpool;
import io.strata.planner.plan.Plan;
import io.strata.planner.policy.Policy;
import io.strata.schema.model.DeletionPolicy;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Metadata;
import io.strata.schema.model.Node;
import io.strata.schema.model.Origin;
import io.strata.schema.model.Placement;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.SecretRef;
import io.strata.schema.model.Size;
import io.strata.schema.model.Snapshot;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Random small clusters for property tests: 1–6 nodes, 1–3 pools, 0–8 volumes of random stacks and
 * sizes; an observed state reached by converging an earlier desired state, then drifted, with
 * random unreachable nodes. Everything follows from one seed.
 */
public final class RandomCluster {
  static final List<List<Layer>> STACKS =
      List.of(
          List.of(Layer.STORAGE),
          List.of(Layer.LUKS, Layer.STORAGE),
          List.of(Layer.DRBD, Layer.STORAGE),
          List.of(Layer.DRBD, Layer.LUKS, Layer.STORAGE),
          List.of(Layer.NVME, Layer.STORAGE),
          List.of(Layer.NVME, Layer.LUKS, Layer.STORAGE));
  static final String[] NODES = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"};
  static final String[] ZONES = {"a", "b", "c"};

  public final DesiredState desired;
  public final DesiredState earlier;
  public final ObservedState observed;
  public final Policy policy;

  private RandomCluster(DesiredState d, DesiredState e, ObservedState o, Policy p) {
    desired = d;
    earlier = e;
    observed = o;
    policy = p;
  }

  @Override
  public String toString() {
    return "desired=" + desired + "\nobserved=" + observed + "\npolicy=" + policy;
  }

  public static RandomCluster generate(long seed) {
    Random r = new Random(seed);
    int nodeCount = 1 + r.nextInt(6);
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      nodes.add(node(NODES[i], ZONES[r.nextInt(3)], false));
    }
    List<StoragePool> pools = new ArrayList<>();
    int poolKinds = 1 + r.nextInt(3);
    for (int k = 0; k < poolKinds; k++) {
      ProviderType type = ProviderType.values()[r.nextInt(4)];
      StoragePool.Provider p =
          type.lvm()
              ? new StoragePool.Provider(type, "vg0", type.thin() ? "thin" : null, null)
              : new StoragePool.Provider(type, null, null, "tank");
      if (r.nextBoolean()) {
        pools.add(
            new StoragePool(
                Metadata.named("p" + k),
                null,
                Map.of("zone", ZONES[r.nextInt(3)]),
                p,
                type.thin() ? 1 + r.nextInt(3) : 1.0));
      } else {
        for (Node n : nodes) {
          if (r.nextInt(4) > 0) {
            pools.add(
                new StoragePool(
                    Metadata.named("p" + k + "-" + n.name()),
                    n.name(),
                    Map.of(),
                    p,
                    type.thin() ? 2.0 : 1.0));
          }
        }
      }
    }
    List<ResourceTemplate> templates = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    int volumeCount = r.nextInt(9);
    for (int v = 0; v < volumeCount; v++) {
      List<Layer> stack = STACKS.get(r.nextInt(STACKS.size()));
      boolean drbd = stack.contains(Layer.DRBD);
      int redundancy = drbd ? 1 + r.nextInt(Math.min(3, nodeCount)) : 1;
      String spread = drbd && r.nextInt(3) == 0 ? "zone" : null;
      templates.add(
          template(
              "t" + v,
              stack,
              new Placement(redundancy, List.of(), List.of(), spread, Map.of()),
              r.nextBoolean()));
      List<String> access = new ArrayList<>();
      if (drbd || stack.contains(Layer.NVME)) {
        for (Node n : nodes) {
          if (r.nextInt(5) == 0) {
            access.add(n.name());
          }
        }
      }
      volumes.add(
          new Volume(
              Metadata.named("v" + v),
              Size.ofBytes((1 + r.nextInt(30)) * (1L << 30)),
              "t" + v,
              null,
              access,
              DeletionPolicy.RETAIN,
              false));
    }
    List<Snapshot> snapshots = new ArrayList<>();
    for (Volume v : volumes) {
      if (r.nextInt(4) == 0) {
        snapshots.add(new Snapshot(Metadata.named("s-" + v.name()), v.name(), null));
      }
    }
    DesiredState desired = DesiredState.of(nodes, pools, templates, volumes, snapshots);

    // an earlier desired state: some volumes smaller or missing, some extra volumes
    List<Volume> earlierVolumes = new ArrayList<>();
    for (Volume v : volumes) {
      int roll = r.nextInt(6);
      if (roll == 0) {
        continue;
      }
      long size = roll == 1 ? Math.max(1L << 30, v.size().bytes() / 2) : v.size().bytes();
      earlierVolumes.add(
          new Volume(
              v.metadata(),
              Size.ofBytes(size),
              v.template(),
              v.placement(),
              roll == 2 ? List.of() : v.access(),
              v.deletionPolicy(),
              v.protect()));
    }
    List<ResourceTemplate> earlierTemplates = new ArrayList<>(templates);
    for (int x = 0; x < r.nextInt(3); x++) {
      List<Layer> stack = STACKS.get(r.nextInt(STACKS.size()));
      earlierTemplates.add(template("old" + x, stack, Placement.NONE, true));
      earlierVolumes.add(
          new Volume(
              Metadata.named("old" + x),
              Size.ofBytes(1L << 30),
              "old" + x,
              null,
              List.of(),
              DeletionPolicy.RETAIN,
              false));
    }
    DesiredState earlier =
        DesiredState.of(nodes, pools, earlierTemplates, earlierVolumes, List.of());

    TreeMap<String, NodeState> states = new TreeMap<>();
    for (Node n : nodes) {
      long gib = 10 + r.nextInt(200);
      states.put(n.name(), node(n.name(), gib));
    }
    ObservedState o = ObservedState.of(states, Map.of());
    int rounds = r.nextInt(3);
    for (int i = 0; i < rounds; i++) {
      Plan p = Planner.plan(earlier, o, Policy.DEFAULT, null, "f");
      o = PlanEffects.apply(earlier, o, p);
    }
    o = drift(o, r);

    // evacuate a node sometimes, unreachable nodes sometimes
    if (r.nextInt(6) == 0 && nodeCount > 1) {
      List<Node> evac = new ArrayList<>(nodes);
      int i = r.nextInt(nodeCount);
      evac.set(i, node(nodes.get(i).name(), nodes.get(i).metadata().labels().get("zone"), true));
      desired = DesiredState.of(evac, pools, templates, volumes, snapshots);
    }
    TreeMap<String, NodeState> reach = new TreeMap<>(o.nodes());
    TreeMap<String, String> unreachable = new TreeMap<>();
    for (Node n : nodes) {
      if (r.nextInt(6) == 0) {
        reach.remove(n.name());
        unreachable.put(n.name(), "connection refused");
      }
    }
    o = ObservedState.of(reach, unreachable);
    Policy policy =
        new Policy(
            r.nextBoolean(),
            Policy.Heal.values()[r.nextInt(3)],
            r.nextBoolean() ? 0.1 : 1.0,
            r.nextInt(4) == 0);
    return new RandomCluster(desired, earlier, o, policy);
  }

  /** Out-of-band changes: a DRBD resource down, a delete marker, an unowned LV in the way. */
  static ObservedState drift(ObservedState o, Random r) {
    TreeMap<String, NodeState> out = new TreeMap<>();
    for (NodeState n : o.nodes().values()) {
      List<DrbdResource> drbd = new ArrayList<>();
      for (DrbdResource d : n.drbdResources()) {
        drbd.add(r.nextInt(8) == 0 ? new DrbdResource(d.name(), d.owned(), d.config(), null) : d);
      }
      List<LogicalVolume> lvs = new ArrayList<>();
      for (LogicalVolume lv : n.logicalVolumes()) {
        if (r.nextInt(5) == 0) {
          TreeSet<String> tags = new TreeSet<>(lv.tags());
          tags.add("strata-delete");
          lv =
              new LogicalVolume(
                  lv.vg(), lv.name(), lv.size(), tags, lv.thinPool(), lv.origin(), lv.attr());
        }
        lvs.add(lv);
      }
      if (r.nextInt(10) == 0) {
        lvs.add(LogicalVolume.of("vg0", "v" + r.nextInt(8) + "_00000", 1L << 30, Set.of()));
      }
      out.put(
          n.node(),
          new NodeState(
              n.node(),
              n.volumeGroups(),
              n.thinPools(),
              n.zpools(),
              lvs,
              n.zvols(),
              n.luksDevices(),
              drbd,
              n.nvmeSubsystems(),
              n.nvmeConnections()));
    }
    return ObservedState.of(out, o.unreachable());
  }

  static Node node(String name, String zone, boolean evacuate) {
    return new Node(
        new Metadata(name, Map.of("zone", zone), Origin.UNKNOWN),
        "10.0.0." + name.length(),
        Node.Connection.simulated(),
        evacuate);
  }

  static NodeState node(String name, long gib) {
    long b = gib << 30;
    return new NodeState(
        name,
        List.of(new VolumeGroup("vg0", 2 * b, b, 4L << 20, List.of("/dev/sdb"))),
        List.of(new ThinPool("vg0", "thin", b, 0)),
        List.of(new Zpool("tank", b, b)),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  static ResourceTemplate template(
      String name, List<Layer> stack, Placement p, boolean tiebreaker) {
    return new ResourceTemplate(
        Metadata.named(name),
        stack,
        new ResourceTemplate.DrbdOptions("C", "majority", tiebreaker, Map.of()),
        new ResourceTemplate.LuksOptions(null, 0, SecretRef.parse("env:K")),
        ResourceTemplate.NvmeOptions.DEFAULT,
        p);
  }
}
