package io.strata.planner.place;

import io.strata.planner.alloc.Sizes;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.ThinPool;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.observed.Zpool;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.StoragePool.Provider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Free space per (node, pool), minus what this plan already reserved. Thick pools: what the tools
 * report free (LVM: VG free; zfs: zpool free). Thin pools count provisioned, not written, space:
 * {@code size × overcommit − Σ sizes already provisioned} (lvm-thin: the thin pool's size and its
 * thin LVs; zfs-thin: the zpool's size and its zvols). Scaling the physically free space instead
 * ("free × overcommit") would make planning non-idempotent: creating a thin volume writes nothing,
 * so free space would not move while the plan had reserved it.
 */
public final class Capacity {
  /** Returned by {@link #free} when the pool's backing object was not observed on the node. */
  public static final long NOT_OBSERVED = -1;

  private final List<Consumer<String>> listeners = new ArrayList<>();

  private final ObservedState observed;

  /** node → pool name → what the observed state says, computed once (it never changes). */
  private final Map<String, Map<String, Slot>> slots = new HashMap<>();

  /** Reservations per physical container, shared by every pool over it. */
  private final Map<String, Container> containers = new HashMap<>();

  private static final class Container {
    long reserved;
  }

  /** {@code also}: a second container a reservation counts against (thick zvol → zfs-thin). */
  /** One pool on one node, resolved once; {@link #free(Slot)} reads it without any lookup. */
  record Slot(long raw, long extent, Container own, Container also) {}

  /** Free bytes of a resolved slot, or {@link #NOT_OBSERVED}. */
  static long free(Slot s) {
    return s == null || s.raw() < 0 ? NOT_OBSERVED : Math.max(0, s.raw() - s.own().reserved);
  }

  public Capacity(ObservedState observed) {
    this.observed = observed;
  }

  /** Bytes still free, or {@link #NOT_OBSERVED}. */
  public long free(String node, StoragePool pool) {
    Slot s = slot(node, pool);
    if (s == null || s.raw() < 0) {
      return NOT_OBSERVED;
    }
    return Math.max(0, s.raw() - s.own().reserved);
  }

  /** The VG extent size for LVM pools (default 4 MiB), 0 for ZFS. */
  public long extentSize(String node, StoragePool pool) {
    Slot s = slot(node, pool);
    if (s != null) {
      return s.extent();
    }
    return pool.provider().type().lvm() ? Sizes.DEFAULT_EXTENT : 0;
  }

  /**
   * Takes {@code bytes} of the pool for the rest of the plan. A thick zvol also counts against
   * zfs-thin pools of the same zpool (they count every zvol's size as provisioned); a sparse zvol
   * leaves the zpool's free space as it is, so it does not count against thick pools.
   */
  public void reserve(String node, StoragePool pool, long bytes) {
    Slot s = slot(node, pool);
    if (s == null) {
      return;
    }
    s.own().reserved += bytes;
    if (s.also() != null) {
      s.also().reserved += bytes;
    }
    for (Consumer<String> l : listeners) {
      l.accept(node);
    }
  }

  /** {@code listener} hears the node of every reservation (placement's sorted candidates). */
  void onReserve(Consumer<String> listener) {
    listeners.add(listener);
  }

  Slot slot(String node, StoragePool pool) {
    NodeState n = observed.nodes().get(node);
    if (n == null) {
      return null;
    }
    return slots
        .computeIfAbsent(node, k -> new HashMap<>())
        .computeIfAbsent(pool.name(), k -> build(n, pool));
  }

  private Slot build(NodeState n, StoragePool pool) {
    Provider p = pool.provider();
    long extent = 0;
    if (p.type().lvm()) {
      extent =
          n.volumeGroup(p.volumeGroup())
              .map(VolumeGroup::extentSize)
              .filter(e -> e > 0)
              .orElse(Sizes.DEFAULT_EXTENT);
    }
    Container own = containers.computeIfAbsent(key(n.node(), p), k -> new Container());
    Container also =
        p.type() == ProviderType.ZFS
            ? containers.computeIfAbsent(
                n.node() + "\0zfs-thin\0" + p.zpool(), k -> new Container())
            : null;
    return new Slot(rawFree(n, pool), extent, own, also);
  }

  /**
   * For refusals on a thin pool, why it is full: " (thin: overcommit 2.00 × 100 GiB = 200 GiB may
   * be provisioned; 195 GiB is, 3 GiB more reserved by this plan)"; empty for thick or unobserved
   * pools. The limit is the pool's {@code overcommit}, enforced by {@link #free}.
   */
  public String limitNote(String node, StoragePool pool) {
    Double limit = io.strata.planner.cost.PoolUsage.overcommitLimit(pool);
    NodeState n = observed.nodes().get(node);
    Slot s = slot(node, pool);
    if (limit == null || n == null || s == null) {
      return "";
    }
    return io.strata.planner.cost.PoolUsage.of(pool, n)
        .map(
            u ->
                String.format(
                        java.util.Locale.ROOT,
                        " (thin: overcommit %.2f × %s = %s may be provisioned; %s is",
                        limit,
                        human(u.total()),
                        human((long) Math.floor(u.total() * limit)),
                        human(u.provisioned()))
                    + (s.own().reserved > 0
                        ? ", " + human(s.own().reserved) + " more reserved by this plan"
                        : "")
                    + "; raise overcommit or add space)")
        .orElse("");
  }

  private static String human(long bytes) {
    return bytes <= 0 ? "0 B" : io.strata.schema.model.Size.ofBytes(bytes).human();
  }

  /** What the pool is on the node, for messages: "volume group vg0", "thin pool vg0/thin". */
  public static String describe(Provider p) {
    return switch (p.type()) {
      case LVM -> "volume group " + p.volumeGroup();
      case LVM_THIN -> "thin pool " + p.volumeGroup() + "/" + p.thinPool();
      case ZFS, ZFS_THIN ->
          p.zpool().contains("/") ? "zfs dataset " + p.zpool() : "zpool " + p.zpool();
    };
  }

  private static long rawFree(NodeState n, StoragePool pool) {
    Provider p = pool.provider();
    double over = pool.overcommit() > 0 ? pool.overcommit() : 1.0;
    return switch (p.type()) {
      case LVM -> n.volumeGroup(p.volumeGroup()).map(VolumeGroup::free).orElse(NOT_OBSERVED);
      case LVM_THIN ->
          n.thinPool(p.volumeGroup(), p.thinPool())
              .map(t -> overcommitted((long) Math.floor(t.size() * over) - provisionedThin(n, t)))
              .orElse(NOT_OBSERVED);
      case ZFS -> n.zpool(p.zpool()).map(Zpool::free).orElse(NOT_OBSERVED);
      case ZFS_THIN ->
          n.zpool(p.zpool())
              .map(z -> overcommitted((long) Math.floor(z.size() * over) - provisionedZfs(n, z)))
              .orElse(NOT_OBSERVED);
    };
  }

  /**
   * A thin pool provisioned beyond {@code size × overcommit} (another pool over the same container
   * with a higher ratio, or a lowered ratio) has nothing free. Not negative: a negative raw value
   * means "not observed", which placement and growth treat as unlimited.
   */
  private static long overcommitted(long free) {
    return Math.max(0, free);
  }

  private static long provisionedThin(NodeState n, ThinPool t) {
    long sum = 0;
    for (var lv : n.logicalVolumes()) {
      if (t.vg().equals(lv.vg()) && t.name().equals(lv.thinPool()) && !lv.isSnapshot()) {
        sum += lv.size();
      }
    }
    return sum;
  }

  private static long provisionedZfs(NodeState n, Zpool z) {
    long sum = 0;
    for (var zv : n.zvols()) {
      if (zv.dataset().startsWith(z.name() + "/") && !zv.isSnapshot()) {
        sum += zv.volsize();
      }
    }
    return sum;
  }

  private static String key(String node, Provider p) {
    return switch (p.type()) {
      case LVM -> node + "\0lvm\0" + p.volumeGroup();
      case LVM_THIN -> node + "\0thin\0" + p.volumeGroup() + "/" + p.thinPool();
      // thick zvols take the zpool's free space, whether the pool is it or a dataset in it
      case ZFS -> node + "\0zfs\0" + Zpool.root(p.zpool());
      case ZFS_THIN -> node + "\0zfs-thin\0" + p.zpool();
    };
  }
}
