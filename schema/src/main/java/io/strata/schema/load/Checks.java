package io.strata.schema.load;

import io.strata.schema.check.Check;
import java.util.List;

/** The semantic checks, in the order they run (the output is sorted anyway). */
final class Checks {
  static final List<Check> ALL = List.of();

  private Checks() {}
}
