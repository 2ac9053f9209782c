package io.strata.reconciler.engine;

import io.strata.planner.json.PlanJson;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.Plan;
import io.strata.planner.render.MarkdownRenderer;
import io.strata.planner.render.Terminal;
import io.strata.planner.render.TextRenderer;
import java.nio.file.Path;

/** The three renderings of a plan, and reading a saved one back, with the CLI's defaults. */
public final class PlanFormats {
  private PlanFormats() {}

  public static String text(Plan plan, CommandPreview preview) {
    return TextRenderer.render(plan, preview, Terminal.colorWanted());
  }

  public static String markdown(Plan plan, CommandPreview preview) {
    return MarkdownRenderer.render(plan, preview);
  }

  public static String json(Plan plan, CommandPreview preview) {
    return PlanJson.write(plan, preview);
  }

  /** Reads a saved plan; a file that is not a plan is a user error naming the file. */
  public static Plan read(String json, Path file) {
    try {
      return PlanJson.read(json);
    } catch (RuntimeException e) {
      throw new UserError(file + ": " + e.getMessage());
    }
  }
}
