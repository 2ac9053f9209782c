package io.strata.planner.testing;

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

/** A small builder of desired states for tests. */
public final class Desired {
  private final List<Node> nodes = new ArrayList<>();
  private final List<StoragePool> pools = new ArrayList<>();
  private final List<ResourceTemplate> templates = new ArrayList<>();
  private final List<Volume> volumes = new ArrayList<>();
  private final List<Snapshot> snapshots = new ArrayList<>();

  public static Desired create() {
    return new Desired();
  }

  public Desired node(String name, Map<String, String> labels) {
    return node(name, labels, false);
  }

  public Desired node(String name, Map<String, String> labels, boolean evacuate) {
    nodes.removeIf(n -> n.name().equals(name));
    nodes.add(
        new Node(
            new Metadata(name, labels, Origin.UNKNOWN),
            "10.0.0." + (nodes.size() + 11),
            Node.Connection.simulated(),
            evacuate));
    return this;
  }

  public Desired nodes(String... names) {
    for (String n : names) {
      node(n, Map.of());
    }
    return this;
  }

  /** A pool named {@code <node>-<suffix>} on one node. */
  public Desired pool(String name, String node, ProviderType type, double overcommit) {
    StoragePool.Provider p =
        switch (type) {
          case LVM -> new StoragePool.Provider(type, "vg0", null, null);
          case LVM_THIN -> new StoragePool.Provider(type, "vg0", "thin", null);
          case ZFS, ZFS_THIN -> new StoragePool.Provider(type, null, null, "tank");
        };
    pools.add(new StoragePool(Metadata.named(name), node, Map.of(), p, overcommit));
    return this;
  }

  public Desired poolEverywhere(ProviderType type) {
    for (Node n : nodes) {
      pool(n.name() + "-" + type.yamlName(), n.name(), type, 1.0);
    }
    return this;
  }

  public Desired template(String name, List<Layer> layers, Placement placement) {
    return template(name, layers, placement, true);
  }

  public Desired template(
      String name, List<Layer> layers, Placement placement, boolean autoTiebreaker) {
    templates.add(
        new ResourceTemplate(
            Metadata.named(name),
            layers,
            new ResourceTemplate.DrbdOptions("C", "majority", autoTiebreaker, Map.of()),
            new ResourceTemplate.LuksOptions(
                "aes-xts-plain64", 512, SecretRef.parse("env:STRATA_LUKS_KEY")),
            new ResourceTemplate.NvmeOptions("tcp", 4420, List.of()),
            placement));
    return this;
  }

  public Desired volume(String name, String size, String template, List<String> access) {
    return volume(name, size, template, null, access);
  }

  public Desired volume(
      String name, String size, String template, Placement placement, List<String> access) {
    volumes.removeIf(v -> v.name().equals(name));
    volumes.add(
        new Volume(
            Metadata.named(name),
            Size.parse(size),
            template,
            placement,
            access,
            DeletionPolicy.RETAIN,
            false));
    return this;
  }

  public Desired snapshot(String name, String volume) {
    return snapshot(name, volume, DeletionPolicy.RETAIN);
  }

  public Desired snapshot(String name, String volume, DeletionPolicy policy) {
    snapshots.removeIf(s -> s.name().equals(name));
    snapshots.add(new Snapshot(Metadata.named(name), volume, policy));
    return this;
  }

  /** Sets the deletionPolicy and protect flag of a volume added before. */
  public Desired deletion(String volume, DeletionPolicy policy, boolean protect) {
    volumes.replaceAll(
        v ->
            v.name().equals(volume)
                ? new Volume(
                    v.metadata(),
                    v.size(),
                    v.template(),
                    v.placement(),
                    v.access(),
                    policy,
                    protect)
                : v);
    return this;
  }

  public Desired withoutVolume(String name) {
    volumes.removeIf(v -> v.name().equals(name));
    return this;
  }

  public DesiredState build() {
    return DesiredState.of(nodes, pools, templates, volumes, snapshots);
  }

  public static Placement redundancy(int r) {
    return new Placement(r, List.of(), List.of(), null, Map.of());
  }

  public static Placement spread(int r, String label) {
    return new Placement(r, List.of(), List.of(), label, Map.of());
  }
}
