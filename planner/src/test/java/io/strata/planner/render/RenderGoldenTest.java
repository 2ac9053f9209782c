package io.strata.planner.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.planner.golden.Golden;
import io.strata.planner.json.PlanJson;
import io.strata.planner.plan.Plan;
import io.strata.planner.samples.SampleCommands;
import io.strata.planner.samples.SamplePlans;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendering of each sample plan against {@code src/test/resources/render/<case>/}. Regenerate
 * with {@code mvn -B -q -pl planner -am test -Dtest=RenderGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dstrata.regenerate=true}.
 */
class RenderGoldenTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("full", SamplePlans.full()),
        Arguments.of("empty", SamplePlans.empty()),
        Arguments.of("refusals-only", SamplePlans.refusalsOnly()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersAsGolden(String name, Plan plan) {
    String json = PlanJson.write(plan, SampleCommands.INSTANCE);
    Golden.assertMatches(Golden.resource("render", name, "plan.json"), json);
    Golden.assertMatches(
        Golden.resource("render", name, "plan.txt"),
        TextRenderer.render(plan, SampleCommands.INSTANCE, false));
    Golden.assertMatches(
        Golden.resource("render", name, "plan.color.txt"),
        TextRenderer.render(plan, SampleCommands.INSTANCE, true));
    Golden.assertMatches(
        Golden.resource("render", name, "plan.md"),
        MarkdownRenderer.render(plan, SampleCommands.INSTANCE));
    // The saved file reads back into the very plan it was made from.
    assertEquals(plan, PlanJson.read(Golden.read(Golden.resource("render", name, "plan.json"))));
  }
}
