package io.strata.executors.run;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the executor of the change running on this thread reports a block copy's progress. The
 * runner sets it around each attempt, so an executor deep below {@link ChangeApplier} reports
 * without every layer's signature carrying a listener; outside a run it is a no-op.
 */
public final class CopyProgressScope {
  private static final Consumer<CopyProgress> NONE = p -> {};
  private static final ThreadLocal<Consumer<CopyProgress>> CURRENT =
      ThreadLocal.withInitial(() -> NONE);

  private CopyProgressScope() {}

  /**
   * The sink of the change running on this thread. Take it on that thread: the command's output is
   * read on others.
   */
  public static Consumer<CopyProgress> current() {
    return CURRENT.get();
  }

  /** Runs {@code body} with {@code sink} as this thread's sink, and restores the previous one. */
  public static <T> T with(Consumer<CopyProgress> sink, Supplier<T> body) {
    Consumer<CopyProgress> previous = CURRENT.get();
    CURRENT.set(sink);
    try {
      return body.get();
    } finally {
      CURRENT.set(previous);
    }
  }
}
