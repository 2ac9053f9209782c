package io.strata.executors.host;

/**
 * Sees a running command's stderr as it arrives (a long {@code dd} reports its progress there). It
 * is called from the thread that reads the stream, with chunks split anywhere — a line may come in
 * several pieces — and must return quickly. What it throws is ignored: watching a command never
 * fails it.
 */
@FunctionalInterface
public interface OutputListener {
  OutputListener NONE = (b, off, len) -> {};

  void chunk(byte[] bytes, int off, int len);

  /** Calls {@code l}, swallowing what it throws (a listener's bug must not fail the command). */
  static void deliver(OutputListener l, byte[] bytes, int off, int len) {
    if (l == null || len <= 0) {
      return;
    }
    try {
      l.chunk(bytes, off, len);
    } catch (RuntimeException e) {
      // ignored: progress is a courtesy, the command's result is what counts
    }
  }
}
