package io.strata.simulator.drbd;

import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.DrbdLinks;
import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.DrbdMetadata;
import io.strata.simulator.state.DrbdPeer;
import io.strata.simulator.state.DrbdRuntime;
import io.strata.simulator.state.DrbdVolume;
import io.strata.simulator.state.SimNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DRBD's replication semantics across the simulated nodes: who syncs from whom, when a disk becomes
 * UpToDate, how big a device is.
 */
public final class DrbdEngine {
  private DrbdEngine() {}

  /** Usable KiB of a backing device of {@code bytes} with internal metadata for {@code peers}. */
  public static long usableKiB(long bytes, int peers) {
    long total = bytes / 512;
    long cs0 = total - mdSectors(total, peers);
    long cs1 = total - mdSectors(cs0, peers);
    long cs = cs1 + mdSectors(cs1, peers) <= total ? cs1 : cs0;
    cs -= cs % 8; // DRBD works in 4 KiB blocks
    return Math.max(0, cs / 2);
  }

  /** Internal metadata size in sectors for {@code dataSectors} (ARCHITECTURE.md §4). */
  public static long mdSectors(long dataSectors, int peers) {
    return ((dataSectors + (1L << 18) - 1) >> 18) * 8 * peers + 72;
  }

  static Content backing(ClusterState cs, SimNode n, DrbdVolume v) {
    if (v.disk == null) {
      return null;
    }
    return Devices.resolve(cs, n, v.disk).map(d -> Devices.content(cs, n, d)).orElse(null);
  }

  static DrbdMetadata md(ClusterState cs, SimNode n, DrbdVolume v) {
    Content c = backing(cs, n, v);
    return c == null ? null : c.drbdMd;
  }

  static String diskState(ClusterState cs, SimNode n, DrbdVolume v) {
    if (v.disk == null) {
      return "Diskless";
    }
    DrbdMetadata md = md(cs, n, v);
    if (md == null) {
      return "Failed";
    }
    if (v.syncSource != null) {
      return "Inconsistent";
    }
    return md.consistent ? "UpToDate" : "Inconsistent";
  }

  /** KiB still to be synced by a SyncTarget volume (0 when not syncing). */
  static long outOfSyncKiB(DrbdVolume v, long now, long rate) {
    if (v.syncSource == null) {
      return 0;
    }
    long done =
        rate <= 0 ? v.syncTotalKiB : Math.max(0, now - v.syncStartMillis) * rate / 1000 / 1024;
    return Math.max(0, v.syncTotalKiB - done);
  }

  /** A resource as it is up on one node. */
  private record Member(SimNode node, DrbdRuntime res) {}

  /** Advances every resync in the cluster (diagnostics; commands settle only what they see). */
  public static void settle(ClusterState cs, long now, long rate) {
    List<Member> all = new ArrayList<>();
    for (SimNode n : cs.nodes().values()) {
      for (DrbdRuntime r : n.drbd.values()) {
        all.add(new Member(n, r));
      }
    }
    settle(cs, all, now, rate);
  }

  /**
   * Advances the resyncs of the resources up on {@code origin}, over every node they reach through
   * their peers: resources are independent, so a command needs no more (and stays O(peers)).
   */
  public static void settle(ClusterState cs, SimNode origin, long now, long rate) {
    settle(cs, origin, null, now, rate);
  }

  /**
   * Like {@link #settle(ClusterState, SimNode, long, long)} for the resources a command names
   * ({@code null}: all of them): a resync is observable only through a command that looks at its
   * resource, so settling that one is enough, and a command then reads the peers of one resource
   * rather than of every resource on the node.
   */
  public static void settle(
      ClusterState cs, SimNode origin, Collection<String> resources, long now, long rate) {
    List<Member> members = new ArrayList<>();
    for (String res : origin.drbd.keySet()) {
      if (resources != null && !resources.contains(res)) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(List.of(origin.name));
      while (!todo.isEmpty()) {
        String name = todo.poll();
        if (!seen.add(name)) {
          continue;
        }
        Optional<SimNode> n = cs.existing(name);
        DrbdRuntime r = n.map(x -> x.drbd.get(res)).orElse(null);
        if (r != null) {
          members.add(new Member(n.get(), r));
          todo.addAll(r.peers.keySet());
        }
      }
    }
    settle(cs, members, now, rate);
  }

  /**
   * The backing content of each volume, resolved once per settle: settling changes metadata and
   * sync state, never which device backs a volume, and every status read settles (decision 038).
   */
  private static final class Backings {
    private final ClusterState cs;
    private final Map<DrbdVolume, Content> known = new IdentityHashMap<>();

    Backings(ClusterState cs) {
      this.cs = cs;
    }

    Content of(SimNode n, DrbdVolume v) {
      Content c = known.get(v);
      if (c == null && !known.containsKey(v)) {
        c = backing(cs, n, v);
        known.put(v, c);
      }
      return c;
    }

    DrbdMetadata md(SimNode n, DrbdVolume v) {
      Content c = of(n, v);
      return c == null ? null : c.drbdMd;
    }
  }

  /**
   * Every change it makes is announced with {@link ClusterState#changed()} before it is made:
   * probes settle too, and a probe sharing the state with others must stop before it changes
   * anything.
   */
  private static void settle(ClusterState cs, List<Member> members, long now, long rate) {
    Backings backings = new Backings(cs);
    boolean changed = true;
    for (int round = 0; changed && round < 32; round++) {
      changed = false;
      for (Member m : members) {
        for (DrbdVolume v : m.res().volumes.values()) {
          changed |= step(cs, backings, m.node(), m.res(), v, now, rate);
        }
      }
    }
    for (Member m : members) {
      for (DrbdVolume v : m.res().volumes.values()) {
        DrbdMetadata md = backings.md(m.node(), v);
        if (md != null && md.consistent && v.syncSource == null) {
          Content backing = backings.of(m.node(), v);
          if (!backing.holdsData) {
            cs.changed();
            backing.holdsData = true;
          }
        }
      }
    }
  }

  private static boolean step(
      ClusterState cs,
      Backings backings,
      SimNode n,
      DrbdRuntime r,
      DrbdVolume v,
      long now,
      long rate) {
    DrbdMetadata md = backings.md(n, v);
    if (md == null) {
      return false;
    }
    if (v.syncSource != null) {
      DrbdPeer p = r.peers.get(v.syncSource);
      if (p == null || DrbdLinks.peerRuntime(cs, n, r, p).isEmpty()) {
        return false; // resync paused while disconnected
      }
      if (outOfSyncKiB(v, now, rate) == 0) {
        cs.changed();
        md.consistent = true;
        md.gen = v.syncGen;
        v.syncSource = null;
        return true;
      }
      return false;
    }
    for (DrbdPeer p : r.peers.values()) {
      Optional<DrbdRuntime> pr = DrbdLinks.peerRuntime(cs, n, r, p);
      if (pr.isEmpty()) {
        continue;
      }
      DrbdVolume pv = pr.get().volumes.get(v.volume);
      SimNode pn = cs.existing(p.name).orElseThrow();
      DrbdMetadata pmd = pv == null || pv.syncSource != null ? null : backings.md(pn, pv);
      if (pmd != null && pmd.consistent && (!md.consistent || md.gen < pmd.gen)) {
        cs.changed();
        v.syncSource = p.name;
        v.syncGen = pmd.gen;
        v.syncStartMillis = now;
        v.syncTotalKiB = DrbdLinks.deviceSizeKiB(cs, n, r, v);
        return true;
      }
    }
    return false;
  }
}
