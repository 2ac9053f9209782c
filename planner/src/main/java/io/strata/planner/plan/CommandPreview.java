package io.strata.planner.plan;

import java.util.List;

/**
 * The exact commands (argv lists) a Change will run, as the executors build them. Renderers take
 * this as an input so that the planner never depends on the executors. Secrets never appear: they
 * travel on stdin and are not part of argv.
 */
@FunctionalInterface
public interface CommandPreview {
  CommandPreview NONE = change -> List.of();

  List<List<String>> commands(Change change);
}
