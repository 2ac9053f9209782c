package io.strata.reconciler.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;
import org.quartz.CronExpression;

/**
 * When volumes' snapshot schedules are due, and which fires were missed (docs/decisions/028). Pure:
 * the clock, the newest scheduled snapshot observed per volume and what the previous cycle tried
 * are inputs. Due-ness is counted from the newest scheduled snapshot on the nodes, not from memory,
 * so a restarted daemon or another HA instance agrees, and a fire is served once: the snapshot is
 * named after the fire time, and the planner never takes a name twice.
 */
public final class SnapshotClock {
  /** Bounds the walk over fires after a long outage with a fast schedule. */
  private static final int MAX_FIRES = 100_000;

  private SnapshotClock() {}

  /** A schedule missed {@code fires} fire(s) since {@code since}; {@code why} says how. */
  public record Missed(int fires, Instant since, String why) {
    public String message() {
      return fires
          + " scheduled snapshot(s) missed since "
          + since
          + " ("
          + why
          + "); caught up with one snapshot";
    }
  }

  /** Volumes due now (with the fire time to name the snapshot after), and those that missed. */
  public record Decision(SortedMap<String, Instant> due, SortedMap<String, Missed> missed) {}

  /**
   * @param schedules cron expression per volume (validated at load; UTC)
   * @param newest fire time of the newest scheduled snapshot observed per volume (absent: none)
   * @param attempted the fire each volume's previous cycle planned a snapshot for
   * @param activeSince when this instance began running cycles: fires before it, after the newest
   *     snapshot, happened while no daemon was running
   */
  public static Decision decide(
      Map<String, String> schedules,
      Map<String, Instant> newest,
      Map<String, Instant> attempted,
      Instant now,
      Instant activeSince) {
    SortedMap<String, Instant> due = new TreeMap<>();
    SortedMap<String, Missed> missed = new TreeMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(schedules).entrySet()) {
      String volume = e.getKey();
      CronExpression cron = cron(e.getValue());
      Instant last = newest.get(volume);
      Instant first = next(cron, last != null ? last : activeSince);
      if (first == null || first.isAfter(now)) {
        continue;
      }
      Instant fire = first;
      int fires = 1;
      for (Instant n = next(cron, fire); n != null && !n.isAfter(now); n = next(cron, n)) {
        fire = n;
        if (++fires >= MAX_FIRES) {
          fire = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
          break;
        }
      }
      due.put(volume, fire);
      Instant tried = attempted.get(volume);
      if (tried != null && (last == null || last.isBefore(tried))) {
        missed.put(
            volume, new Missed(fires, first, "the snapshot was not taken: failed or refused"));
      } else if (last != null && first.isBefore(activeSince)) {
        int down = 0;
        for (Instant n = first; n != null && n.isBefore(activeSince) && down < MAX_FIRES; ) {
          down++;
          n = next(cron, n);
        }
        missed.put(volume, new Missed(down, first, "no daemon was running at fire time"));
      }
    }
    return new Decision(due, missed);
  }

  /** A Quartz cron expression in UTC; the loader already refused one that does not parse. */
  public static CronExpression cron(String expression) {
    try {
      CronExpression c = new CronExpression(expression);
      c.setTimeZone(TimeZone.getTimeZone("UTC"));
      return c;
    } catch (ParseException e) {
      throw new IllegalArgumentException("invalid cron " + expression + ": " + e.getMessage(), e);
    }
  }

  private static Instant next(CronExpression cron, Instant after) {
    Date d = cron.getTimeAfter(Date.from(after));
    return d == null ? null : d.toInstant();
  }
}
