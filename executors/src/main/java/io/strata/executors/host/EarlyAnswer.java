package io.strata.executors.host;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * A probe's answer handed over before the probe has exited: {@code document} is its stdout up to
 * the end of its one JSON document, or null when there was none to hand over early (the command
 * failed, timed out, or the host cannot stream); {@code result} completes with the whole {@link
 * Result} — exit code, all of stdout and stderr — once the command has ended.
 *
 * <p>{@code lvm fullreport} writes its report and then spends ~35 ms tearing down its asynchronous
 * I/O before it exits (docs/decisions/045): whoever reads the document early works in that time,
 * and must not act on the document before {@link #stood} says the command succeeded.
 */
public record EarlyAnswer(byte[] document, CompletableFuture<Result> result) {
  /** An answer with no early document: the command has ended with {@code r}. */
  public static EarlyAnswer after(Result r) {
    return new EarlyAnswer(null, CompletableFuture.completedFuture(r));
  }

  /**
   * What a host that streams would have handed over for a command that ended with {@code r}: the
   * first JSON document of its stdout, when complete, ahead of {@code r} (a simulated host, whose
   * commands answer all at once, hands over its answers as a real node's would).
   */
  public static EarlyAnswer handedOver(Result r) {
    long length = JsonDocumentEnd.length(r.stdout());
    return length < 0
        ? after(r)
        : new EarlyAnswer(
            Arrays.copyOf(r.stdout(), (int) length), CompletableFuture.completedFuture(r));
  }

  /**
   * Whether the whole result confirms the early document: the command exited 0 and wrote nothing
   * after the document but whitespace — what parsing all of its stdout once it had ended would have
   * accepted.
   */
  public static boolean stood(byte[] document, Result r) {
    byte[] out = r.stdout();
    if (!r.success()
        || out.length < document.length
        || !Arrays.equals(out, 0, document.length, document, 0, document.length)) {
      return false;
    }
    for (int i = document.length; i < out.length; i++) {
      if (!JsonDocumentEnd.blank(out[i])) {
        return false;
      }
    }
    return true;
  }
}
