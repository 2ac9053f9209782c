package io.strata.reconciler.daemon;

import io.strata.reconciler.http.HttpEndpoints;
import java.time.Duration;
import java.time.Instant;

/** /healthz: healthy while a cycle ended within three poll intervals. */
final class Health {
  private Health() {}

  static HttpEndpoints.Health of(
      DaemonState<?> state, Duration poll, Instant now, boolean running) {
    Instant last = state.lastCycleEnd;
    Duration limit = poll.multipliedBy(3);
    boolean ok = running && last != null && !last.plus(limit).isBefore(now);
    String why;
    if (!running) {
      why = "daemon is stopping";
    } else if (last == null) {
      why = "no cycle has finished yet";
    } else if (!ok) {
      why = "last cycle ended at " + last + ", more than " + limit + " ago";
    } else {
      why = "last cycle ended at " + last;
    }
    String json =
        "{\"status\":\""
            + (ok ? "ok" : "unhealthy")
            + "\",\"reason\":\""
            + esc(why)
            + "\",\"lastCycleResult\":\""
            + esc(state.lastCycleResult)
            + "\",\"lastAppliedCommit\":"
            + (state.lastAppliedCommit == null ? "null" : "\"" + state.lastAppliedCommit + "\"")
            + "}\n";
    return new HttpEndpoints.Health(ok, json);
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
  }
}
