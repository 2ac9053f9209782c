package io.strata.executors.layer;

import io.strata.executors.host.EarlyAnswer;
import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Runs {@link Command}s on a {@link Host} and classifies failures. Host implementations run every
 * command with {@code LC_ALL=C} and {@code LVM_SUPPRESS_FD_WARNINGS=1} in the environment, so the
 * argv here is exactly the real tool's and stderr hints are in English.
 */
public final class Exec {
  /** Generous: LVM waits on its lock, drbdadm on peers, cryptsetup on its KDF. */
  public static final Duration TIMEOUT = Duration.ofMinutes(2);

  /**
   * stderr hints of failures a retry may fix. Word-bounded, so "block size" is not "lock" and
   * "busybox" is not "busy".
   */
  private static final Pattern TRANSIENT =
      Pattern.compile(
          "\\b(lock|locked|locking|timed out|timeout|connection reset|busy|in use|try again|"
              + "temporarily unavailable|held open|concurrent state changes)\\b");

  private Exec() {}

  public static Result run(Host host, Command c) {
    return host.run(c.argv(), c.stdin(), TIMEOUT);
  }

  /** As {@link #run(Host, Command)} with a timeout of its own (a long block copy). */
  public static Result run(Host host, Command c, Duration timeout) {
    return host.run(c.argv(), c.stdin(), timeout);
  }

  /**
   * Runs a snapshot command of a snapshot group: while the volume's I/O is suspended it must end
   * within the plan's bound, and a failure is terminal — a retry would hold I/O longer; the next
   * cycle plans the group again (docs/decisions/022). Without a bound, an ordinary run.
   */
  public static ApplyOutcome snapshot(Host host, Command c, long boundMillis, String what) {
    Result r =
        boundMillis > 0
            ? host.run(c.argv(), c.stdin(), Duration.ofMillis(boundMillis))
            : run(host, c);
    if (r.success()) {
      return ApplyOutcome.ok(what);
    }
    ApplyOutcome f = failure("taking " + what, r);
    if (boundMillis > 0 && f instanceof ApplyOutcome.Transient t) {
      return ApplyOutcome.terminal(t.reason() + " (not retried while I/O is suspended)");
    }
    return f;
  }

  /**
   * A failed command as an outcome: transient when it timed out or stderr says lock / busy /
   * connection reset / concurrent change; terminal otherwise. Never includes stdin.
   */
  public static ApplyOutcome failure(String what, Result r) {
    String err = r.err().strip();
    String msg =
        what
            + ": `"
            + String.join(" ", r.argv())
            + "` "
            + (r.timedOut() ? "timed out" : "exited " + r.exitCode())
            + (err.isEmpty() ? "" : ": " + firstLines(err));
    if (r.timedOut()) {
      return ApplyOutcome.transientFailure(msg);
    }
    return TRANSIENT.matcher(err.toLowerCase(Locale.ROOT)).find()
        ? ApplyOutcome.transientFailure(msg)
        : ApplyOutcome.terminal(msg);
  }

  private static String firstLines(String s) {
    String[] lines = s.split("\n");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(3, lines.length); i++) {
      if (i > 0) {
        b.append(" | ");
      }
      b.append(lines[i].strip());
    }
    return b.toString();
  }

  /**
   * Runs a probe whose stdout is one JSON document and returns the document, possibly before the
   * probe has exited; its exit is then checked later, through {@code into}: a probe that fails
   * after its document was read fails the node's observation exactly as if it had failed first.
   *
   * @throws ObservationException when the probe failed before its document was complete
   */
  public static String document(Host host, Command c, NodeStateBuilder into) {
    EarlyAnswer a = host.runForDocument(c.argv(), TIMEOUT);
    if (a.document() == null) {
      Result r = a.result().join();
      if (!r.success()) {
        throw observeFailed(host.name(), r);
      }
      return r.out();
    }
    byte[] document = a.document();
    into.confirmLater(
        a.result()
            .thenAccept(
                r -> {
                  if (!r.success()) {
                    throw observeFailed(host.name(), r);
                  }
                  if (!EarlyAnswer.stood(document, r)) {
                    throw new ObservationException(
                        probe(host.name(), r) + " wrote more after its JSON document");
                  }
                }));
    return new String(document, StandardCharsets.UTF_8);
  }

  /** A short description of a failed probe during observation. */
  public static ObservationException observeFailed(String node, Result r) {
    return new ObservationException(
        probe(node, r)
            + " "
            + (r.timedOut() ? "timed out" : "exited " + r.exitCode())
            + ": "
            + firstLines(r.err().strip()));
  }

  /** {@code node: `argv`}, how a failed probe is named. */
  private static String probe(String node, Result r) {
    return node + ": `" + String.join(" ", r.argv()) + "`";
  }
}
