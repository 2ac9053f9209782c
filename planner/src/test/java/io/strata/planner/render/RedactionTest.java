package io.strata.planner.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.json.PlanJson;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.samples.SampleCommands;
import io.strata.planner.samples.SamplePlans;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A LUKS spec holds a secret reference, never a secret: every rendering shows the reference in its
 * {@code env:NAME} form and nothing of the record's internals; commands come from the preview as
 * argv, and the passphrase travels on stdin ({@code --key-file -}), which no rendering has.
 */
class RedactionTest {
  private static final Plan PLAN = SamplePlans.full();

  @Test
  void everyRenderingShowsTheReferenceOnly() {
    List<String> outputs =
        List.of(
            PlanJson.write(PLAN, SampleCommands.INSTANCE),
            TextRenderer.render(PLAN, SampleCommands.INSTANCE, false),
            MarkdownRenderer.render(PLAN, SampleCommands.INSTANCE));
    for (String out : outputs) {
      assertFalse(out.contains("SecretRef"), "no record toString leaks");
      assertFalse(out.contains("ENV"), "no enum name of the reference source");
    }
    assertTrue(outputs.get(0).contains("\"passphraseRef\": \"env:PG_DATA_KEY\""));
    assertTrue(outputs.get(1).contains("(key env:PG_DATA_KEY)"));
    assertTrue(outputs.get(2).contains("key env:PG\\_DATA\\_KEY"));
  }

  @Test
  void theReferenceRoundTripsAsAReference() {
    Plan back = PlanJson.read(PlanJson.write(PLAN, SampleCommands.INSTANCE));
    Change luks = back.changes().get(2);
    ObjectSpec.Luks spec = (ObjectSpec.Luks) luks.spec();
    assertEquals("env:PG_DATA_KEY", spec.passphraseRef().toString());
  }

  @Test
  void luksCommandsShownReadTheKeyFromStdin() {
    String text = TextRenderer.render(PLAN, SampleCommands.INSTANCE, false);
    for (String line : text.split("\n")) {
      if (line.contains("cryptsetup")) {
        assertTrue(line.contains("--key-file -"), line);
      }
    }
  }
}
