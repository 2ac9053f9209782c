package io.strata.simulator.drbd;

import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.DrbdRuntime;
import java.util.List;
import java.util.Map;

/**
 * {@code drbdsetup events2 --now [--statistics]}: the one-shot snapshot ("exists" lines, then
 * {@code exists -}), derived from the same state as the JSON status. Without {@code --now} the real
 * command keeps streaming; the simulation prints the snapshot and ends.
 */
final class DrbdEvents {
  private DrbdEvents() {}

  @SuppressWarnings("unchecked")
  static String now(Invocation inv, List<DrbdRuntime> resources, boolean stats) {
    StringBuilder sb = new StringBuilder();
    for (DrbdRuntime r : resources) {
      Map<String, Object> m = DrbdStatus.resource(inv, r);
      sb.append("exists resource name:")
          .append(r.name)
          .append(" role:")
          .append(m.get("role"))
          .append(" suspended:no")
          .append(stats ? " write-ordering:flush" : "")
          .append('\n');
      List<Map<String, Object>> conns = (List<Map<String, Object>>) m.get("connections");
      for (Map<String, Object> c : conns) {
        sb.append("exists connection name:")
            .append(r.name)
            .append(" peer-node-id:")
            .append(c.get("peer-node-id"))
            .append(" conn-name:")
            .append(c.get("name"))
            .append(" connection:")
            .append(c.get("connection-state"))
            .append(" role:")
            .append(c.get("peer-role"))
            .append(stats ? " congested:no ap-in-flight:0 rs-in-flight:0" : "")
            .append('\n');
      }
      for (Map<String, Object> d : (List<Map<String, Object>>) m.get("devices")) {
        sb.append("exists device name:")
            .append(r.name)
            .append(" volume:")
            .append(d.get("volume"))
            .append(" minor:")
            .append(d.get("minor"))
            .append(" disk:")
            .append(d.get("disk-state"))
            .append(" client:")
            .append(yn(d.get("client")))
            .append(" quorum:")
            .append(yn(d.get("quorum")));
        if (stats) {
          sb.append(" size:")
              .append(d.get("size"))
              .append(" read:0 written:0 al-writes:0 bm-writes:0")
              .append(" upper-pending:0 lower-pending:0 al-suspended:no blocked:no");
        }
        sb.append('\n');
      }
      for (Map<String, Object> c : conns) {
        for (Map<String, Object> pd : (List<Map<String, Object>>) c.get("peer_devices")) {
          sb.append("exists peer-device name:")
              .append(r.name)
              .append(" peer-node-id:")
              .append(c.get("peer-node-id"))
              .append(" conn-name:")
              .append(c.get("name"))
              .append(" volume:")
              .append(pd.get("volume"))
              .append(" replication:")
              .append(pd.get("replication-state"))
              .append(" peer-disk:")
              .append(pd.get("peer-disk-state"))
              .append(" peer-client:")
              .append(yn(pd.get("peer-client")))
              .append(" resync-suspended:no");
          if (stats) {
            sb.append(" received:0 sent:0 out-of-sync:")
                .append(pd.get("out-of-sync"))
                .append(" pending:0 unacked:0");
          }
          if (Boolean.TRUE.equals(pd.get("has-sync-details"))) {
            sb.append(" done:").append(pd.get("percent-resync-done"));
          }
          sb.append('\n');
        }
      }
    }
    return sb.append("exists -\n").toString();
  }

  private static String yn(Object b) {
    return Boolean.TRUE.equals(b) ? "yes" : "no";
  }
}
