package io.strata.reconciler.daemon;

import io.strata.reconciler.http.HttpEndpoints;
import java.time.Duration;
import java.time.Instant;

/**
 * /healthz. The active instance is healthy while a cycle ended within three poll intervals; a
 * standby (HA) while it can read the lease from the database, since it runs no cycles. Both answer
 * 200 then, and say which role they have.
 */
final class Health {
  private Health() {}

  /**
   * This instance's place: its id (null without HA), whether it runs the cycles, the repository,
   * the lease holder the database names (null: none or unknown), and whether the database answered.
   */
  record Role(
      String instanceId, boolean active, String repository, String holder, boolean reachable) {}

  static HttpEndpoints.Health of(
      DaemonState<?> state, Duration poll, Instant now, boolean running, Role role) {
    Instant last = state.lastCycleEnd;
    Duration limit = poll.multipliedBy(3);
    boolean ok;
    String why;
    if (!running) {
      ok = false;
      why = "daemon is stopping";
    } else if (!role.active()) {
      ok = role.reachable();
      why =
          ok
              ? "standby; active instance: " + (role.holder() == null ? "none" : role.holder())
              : "standby, but the HA database cannot be reached";
    } else if (last == null) {
      ok = false;
      why = "no cycle has finished yet";
    } else if (last.plus(limit).isBefore(now)) {
      ok = false;
      why = "last cycle ended at " + last + ", more than " + limit + " ago";
    } else {
      ok = true;
      why = "last cycle ended at " + last;
    }
    String json =
        "{\"status\":\""
            + (ok ? "ok" : "unhealthy")
            + "\",\"reason\":\""
            + esc(why)
            + "\",\"instanceId\":"
            + str(role.instanceId())
            + ",\"role\":\""
            + (role.active() ? "active" : "standby")
            + "\",\"activeInstance\":"
            + str(role.active() ? role.instanceId() : role.holder())
            + ",\"repository\":"
            + str(role.repository())
            // the repositories this instance is active for (issue 13): a standby runs none
            + ",\"repositories\":["
            + (role.active() ? str(role.repository()) : "")
            + "],\"lastCycleResult\":\""
            + esc(state.lastCycleResult)
            + "\",\"lastAppliedCommit\":"
            + (state.lastAppliedCommit == null ? "null" : "\"" + state.lastAppliedCommit + "\"")
            + "}\n";
    return new HttpEndpoints.Health(ok, json);
  }

  private static String str(String s) {
    return s == null ? "null" : "\"" + esc(s) + "\"";
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
  }
}
