package io.strata.simulator.drbd;

import io.strata.simulator.cmd.DrbdLinks;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.ClusterState;
import io.strata.simulator.state.DrbdPeer;
import io.strata.simulator.state.DrbdRuntime;
import io.strata.simulator.state.DrbdVolume;
import io.strata.simulator.state.SimNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code drbdsetup status}: the JSON of DRBD 9.2 ({@code --json}) and the text form. */
final class DrbdStatus {
  private DrbdStatus() {}

  static String json(Invocation inv, List<DrbdRuntime> resources) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DrbdRuntime r : resources) {
      out.add(resource(inv, r));
    }
    return DrbdJson.resources(out);
  }

  static Map<String, Object> resource(Invocation inv, DrbdRuntime r) {
    ClusterState cs = inv.cluster();
    SimNode n = inv.node();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name);
    m.put("node-id", r.nodeId);
    m.put("role", r.role);
    m.put("suspended", r.suspendedUser);
    m.put("suspended-user", r.suspendedUser);
    m.put("suspended-no-data", false);
    m.put("suspended-fencing", false);
    m.put("suspended-quorum", false);
    m.put("force-io-failures", false);
    m.put("write-ordering", "flush");
    List<Object> devices = new ArrayList<>();
    boolean quorum = quorum(cs, n, r);
    for (DrbdVolume v : r.volumes.values()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("volume", v.volume);
      d.put("minor", v.minor);
      d.put("disk-state", DrbdEngine.diskState(cs, n, v));
      d.put("client", v.client);
      d.put("quorum", quorum);
      d.put("size", DrbdLinks.deviceSizeKiB(cs, n, r, v));
      for (String k :
          List.of("read", "written", "al-writes", "bm-writes", "upper-pending", "lower-pending")) {
        d.put(k, 0);
      }
      devices.add(d);
    }
    m.put("devices", devices);
    List<Object> conns = new ArrayList<>();
    List<DrbdPeer> peers = new ArrayList<>(r.peers.values());
    peers.sort(Comparator.comparingInt(p -> p.nodeId));
    for (DrbdPeer p : peers) {
      conns.add(connection(inv, r, p));
    }
    m.put("connections", conns);
    return m;
  }

  private static boolean quorum(ClusterState cs, SimNode n, DrbdRuntime r) {
    if (r.quorum == null || r.quorum.equals("off")) {
      return true;
    }
    long up =
        r.peers.values().stream()
                .filter(p -> DrbdLinks.peerRuntime(cs, n, r, p).isPresent())
                .count()
            + 1;
    return up * 2 > r.peers.size() + 1;
  }

  private static Map<String, Object> connection(Invocation inv, DrbdRuntime r, DrbdPeer p) {
    ClusterState cs = inv.cluster();
    SimNode n = inv.node();
    Optional<DrbdRuntime> pr = DrbdLinks.peerRuntime(cs, n, r, p);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("peer-node-id", p.nodeId);
    c.put("name", p.name);
    c.put("connection-state", DrbdLinks.connectionState(cs, n, r, p));
    c.put("congested", false);
    c.put("peer-role", pr.map(x -> x.role).orElse("Unknown"));
    c.put("ap-in-flight", 0);
    c.put("rs-in-flight", 0);
    List<Object> pds = new ArrayList<>();
    for (DrbdVolume v : r.volumes.values()) {
      pds.add(peerDevice(inv, v, p, pr));
    }
    c.put("peer_devices", pds);
    return c;
  }

  private static Map<String, Object> peerDevice(
      Invocation inv, DrbdVolume v, DrbdPeer p, Optional<DrbdRuntime> pr) {
    DrbdVolume pv = pr.map(x -> x.volumes.get(v.volume)).orElse(null);
    SimNode pn = inv.cluster().existing(p.name).orElse(null);
    String repl = "Off";
    String peerDisk = "DUnknown";
    long outOfSync = 0;
    DrbdVolume target = null;
    if (pv != null) {
      peerDisk = DrbdEngine.diskState(inv.cluster(), pn, pv);
      repl = "Established";
      if (p.name.equals(v.syncSource)) {
        repl = "SyncTarget";
        target = v;
      } else if (inv.node().name.equals(pv.syncSource)) {
        repl = "SyncSource";
        target = pv;
      }
      if (target != null) {
        outOfSync = DrbdEngine.outOfSyncKiB(target, inv.nowMillis(), inv.syncRate());
      }
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("volume", v.volume);
    d.put("replication-state", repl);
    d.put("peer-disk-state", peerDisk);
    d.put("peer-client", pv != null && pv.client);
    d.put("resync-suspended", "no");
    d.put("received", 0);
    d.put("sent", 0);
    d.put("out-of-sync", outOfSync);
    d.put("pending", 0);
    d.put("unacked", 0);
    d.put("has-sync-details", target != null);
    d.put("has-online-verify-details", false);
    double inSync =
        target == null || target.syncTotalKiB == 0
            ? 100.0
            : 100.0 * (target.syncTotalKiB - outOfSync) / target.syncTotalKiB;
    d.put("percent-in-sync", DrbdJson.pct(inSync));
    if (target != null) {
      long elapsed = Math.max(0, inv.nowMillis() - target.syncStartMillis);
      double mibs = inv.syncRate() / 1048576.0;
      d.put("rs-total", target.syncTotalKiB);
      d.put("rs-dt-start-ms", elapsed);
      d.put("rs-paused-ms", 0);
      d.put("rs-dt0-ms", elapsed);
      d.put("rs-db0-sectors", (target.syncTotalKiB - outOfSync) * 2);
      d.put("rs-dt1-ms", elapsed);
      d.put("rs-db1-sectors", (target.syncTotalKiB - outOfSync) * 2);
      d.put("rs-failed", 0);
      d.put("rs-same-csum", 0);
      d.put("want", DrbdJson.pct(mibs));
      d.put("db0/dt0 [MiB/s]", DrbdJson.pct(mibs));
      d.put("db1/dt1 [MiB/s]", DrbdJson.pct(mibs));
      d.put(
          "estimated-seconds-to-finish",
          inv.syncRate() <= 0 ? 0 : outOfSync * 1024 / inv.syncRate());
      d.put("db/dt [MiB/s]", DrbdJson.pct(mibs));
      d.put("percent-resync-done", DrbdJson.pct(inSync));
    }
    return d;
  }

  /** The text form ({@code drbdsetup status}, {@code drbdadm status}). */
  static String text(Invocation inv, List<DrbdRuntime> resources) {
    StringBuilder sb = new StringBuilder();
    ClusterState cs = inv.cluster();
    SimNode n = inv.node();
    for (DrbdRuntime r : resources) {
      sb.append(r.name).append(" role:").append(r.role).append('\n');
      for (DrbdVolume v : r.volumes.values()) {
        sb.append("  ")
            .append(r.volumes.size() > 1 ? "volume:" + v.volume + " " : "")
            .append("disk:")
            .append(DrbdEngine.diskState(cs, n, v))
            .append('\n');
      }
      for (DrbdPeer p : r.peers.values()) {
        Optional<DrbdRuntime> pr = DrbdLinks.peerRuntime(cs, n, r, p);
        if (pr.isEmpty()) {
          sb.append("  ")
              .append(p.name)
              .append(" connection:")
              .append(DrbdLinks.connectionState(cs, n, r, p))
              .append('\n');
          continue;
        }
        sb.append("  ").append(p.name).append(" role:").append(pr.get().role).append('\n');
        for (DrbdVolume v : r.volumes.values()) {
          Map<String, Object> pd = peerDevice(inv, v, p, pr);
          sb.append("    ").append(r.volumes.size() > 1 ? "volume:" + v.volume + " " : "");
          if (!"Established".equals(pd.get("replication-state"))) {
            sb.append("replication:").append(pd.get("replication-state")).append(' ');
          }
          sb.append("peer-disk:").append(pd.get("peer-disk-state"));
          if (Boolean.TRUE.equals(pd.get("has-sync-details"))) {
            sb.append(" done:").append(pd.get("percent-resync-done"));
          }
          sb.append('\n');
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
