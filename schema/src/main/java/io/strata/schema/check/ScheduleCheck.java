package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Origin;
import io.strata.schema.model.Volume;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import org.quartz.CronExpression;

/**
 * {@code spec.snapshots.schedule} parses as a Quartz cron expression — with the daemon's own
 * parser, so that what validates is what runs (docs/decisions/028). The most common mistake, a
 * five-field Unix crontab line, gets the Quartz spelling as the hint.
 */
public final class ScheduleCheck implements Check {
  @Override
  public List<Diagnostic> check(ManifestSet m) {
    List<Diagnostic> out = new ArrayList<>();
    for (Manifest<Volume> v : m.volumes()) {
      Volume.SnapshotSchedule s = v.model().snapshots();
      if (s == null) {
        continue;
      }
      Diagnostic d = check(v.at("/spec/snapshots/schedule"), s.schedule());
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  /** The diagnostic for {@code cron} written at {@code at}, or null when it parses. */
  static Diagnostic check(Origin at, String cron) {
    String[] fields = cron.trim().split("\\s+");
    if (fields.length == 5) {
      return Diagnostic.at(
          at,
          "snapshots.schedule '" + cron + "' has 5 fields (a Unix crontab line); Quartz cron has 6",
          "did you mean '0 " + quartzDays(fields) + "'? (seconds come first, e.g. '0 0 * * * ?')");
    }
    try {
      new CronExpression(cron);
      return null;
    } catch (ParseException e) {
      if (fields.length >= 6 && !fields[3].equals("?") && !fields[5].equals("?")) {
        String[] f = fields.clone();
        f[fields[5].equals("*") ? 5 : 3] = "?";
        return Diagnostic.at(
            at,
            "snapshots.schedule '" + cron + "' sets both day-of-month and day-of-week",
            "did you mean '" + String.join(" ", f) + "'? (Quartz wants '?' in one of them)");
      }
      return Diagnostic.at(
          at,
          "snapshots.schedule '" + cron + "' is not a Quartz cron expression: " + e.getMessage(),
          "write seconds minutes hours day-of-month month day-of-week [year], e.g. '0 0 2 * * ?'"
              + " for 02:00 UTC daily; one of day-of-month and day-of-week must be '?'");
    } catch (RuntimeException e) {
      // CronExpression throws unchecked exceptions for some malformed ranges
      return Diagnostic.at(
          at,
          "snapshots.schedule '" + cron + "' is not a Quartz cron expression",
          "write seconds minutes hours day-of-month month day-of-week [year], e.g. '0 0 2 * * ?'");
    }
  }

  /** A crontab line as Quartz spells it: one of day-of-month and day-of-week must be '?'. */
  private static String quartzDays(String[] f) {
    String dom = f[2];
    String dow = f[4];
    if (dow.equals("*")) {
      dow = "?";
    } else if (dom.equals("*")) {
      dom = "?";
    }
    return String.join(" ", f[0], f[1], dom, f[3], dow);
  }
}
