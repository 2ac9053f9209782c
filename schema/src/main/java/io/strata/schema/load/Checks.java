package io.strata.schema.load;

import io.strata.schema.check.AccessCheck;
import io.strata.schema.check.AdoptCheck;
import io.strata.schema.check.Check;
import io.strata.schema.check.LayerOptionsCheck;
import io.strata.schema.check.LayerStackCheck;
import io.strata.schema.check.NodeCheck;
import io.strata.schema.check.PoolCheck;
import io.strata.schema.check.RedundancyCheck;
import io.strata.schema.check.ReferenceCheck;
import io.strata.schema.check.ScheduleCheck;
import io.strata.schema.check.SizeCheck;
import io.strata.schema.check.SourceCheck;
import io.strata.schema.check.UniqueNamesCheck;
import java.util.List;

/** The semantic checks, in the order they run (the output is sorted anyway). */
final class Checks {
  static final List<Check> ALL =
      List.of(
          new UniqueNamesCheck(),
          new ReferenceCheck(),
          new NodeCheck(),
          new PoolCheck(),
          new LayerStackCheck(),
          new LayerOptionsCheck(),
          new SizeCheck(),
          new RedundancyCheck(),
          new AccessCheck(),
          new AdoptCheck(),
          new SourceCheck(),
          new ScheduleCheck());

  private Checks() {}
}
