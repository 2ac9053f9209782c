package io.strata.planner.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.plan.Plan;
import io.strata.planner.samples.SampleCommands;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MarkdownLimitProperties {
  /** Whatever the plan's shape and the limit, the comment fits and is recognisable. */
  @Property(tries = 25)
  void alwaysUnderTheLimit(
      @ForAll @IntRange(min = 0, max = 6000) int changes,
      @ForAll @IntRange(min = 1, max = 6000) int nodes,
      @ForAll @IntRange(min = 0, max = 1500) int refusals,
      @ForAll @IntRange(min = 0, max = 1500) int warnings,
      @ForAll @IntRange(min = 3_000, max = 60_000) int limit) {
    Plan plan = MarkdownRendererTest.big(changes, nodes, refusals, warnings);
    String md = MarkdownRenderer.render(plan, SampleCommands.INSTANCE, limit);
    assertTrue(md.length() < limit, "length " + md.length() + " limit " + limit);
    assertTrue(md.startsWith(MarkdownRenderer.MARKER + "\n### Strata plan"));
    assertTrue(md.contains("| create | resize |"));
    assertTrue(md.endsWith("**\n") || md.endsWith("manifests.\n"), md.substring(md.length() - 100));
  }
}
