package io.strata.executors.stack;

import io.strata.executors.layer.Command;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import java.util.List;

/**
 * The planner's {@link CommandPreview} backed by the real command builders, so that a plan shows
 * exactly the argv the executors will run (stdin, and so every secret, is never shown).
 */
public final class ExecutorCommandPreview implements CommandPreview {
  private final LayerExecutors executors;

  public ExecutorCommandPreview(LayerExecutors executors) {
    this.executors = executors;
  }

  /** A preview needing no secrets (e.g. in CI, without cluster access). */
  public ExecutorCommandPreview() {
    this(LayerExecutors.previewOnly());
  }

  @Override
  public List<List<String>> commands(Change change) {
    return executors.commands(change).stream().map(Command::argv).toList();
  }
}
