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

  /**
   * How a plan is rendered for people: colours, read-only probes shown, every change listed even at
   * scale. JSON ignores it (it is for machines and keeps everything).
   */
  public record Review(boolean color, boolean showProbes, boolean verbose) {
    public static Review defaults() {
      return new Review(Terminal.colorWanted(), false, false);
    }
  }

  public static String text(Plan plan, CommandPreview preview) {
    return text(plan, preview, Review.defaults());
  }

  public static String text(Plan plan, CommandPreview preview, Review review) {
    return TextRenderer.render(
        plan, new ReviewPreview(preview, review.showProbes()), review.color(), review.verbose());
  }

  public static String markdown(Plan plan, CommandPreview preview) {
    return markdown(plan, preview, Review.defaults());
  }

  public static String markdown(Plan plan, CommandPreview preview, Review review) {
    return MarkdownRenderer.render(plan, new ReviewPreview(preview, review.showProbes()));
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
