package io.strata.planner.plan;

import io.strata.schema.model.Layer;
import io.strata.schema.model.Size;

/**
 * Observed state that differs from Git in a way no change of the plan heals, because Strata never
 * does what healing would take (docs/decisions/007-resized-storage.md). It is recorded on the plan
 * so that drift reports it, instead of refusing the whole volume.
 */
public sealed interface Divergence permits Divergence.Resized {
  String volume();

  String node();

  Layer layer();

  /** Human name of the object, e.g. {@code vg0/pg-data_00000}. */
  String object();

  /** The JSON discriminator, also the drift class. */
  String kind();

  /** One line an operator can act on. */
  String detail();

  /**
   * Storage observed larger than the volume declares (grown by hand, or {@code size} lowered in
   * Git): Strata never shrinks, so the plan leaves it as it is.
   */
  record Resized(
      String volume, String node, Layer layer, String object, long declared, long observed)
      implements Divergence {
    @Override
    public String kind() {
      return "resized";
    }

    @Override
    public String detail() {
      return object
          + " is "
          + Size.ofBytes(observed).human()
          + ", larger than the declared "
          + Size.ofBytes(declared).human()
          + "; Strata never shrinks — raise size in Git to match, or create a new volume";
    }
  }
}
