package io.strata.planner.render;

import io.strata.planner.plan.SizeChange;
import io.strata.schema.model.Size;

/** Human sizes for renderings (display only; the JSON carries exact bytes). */
final class SizeText {
  private SizeText() {}

  static String human(long bytes) {
    return bytes > 0 ? Size.ofBytes(bytes).human() : bytes + " B";
  }

  /**
   * {@code 10 GiB}, or {@code 10 GiB -> 10 GiB + 20 MiB} when the layer allocates more than asked
   * (metadata, headers, rounding): the allocation is written as the request plus the difference,
   * since rounding both to one decimal would hide what a reviewer wants to see.
   */
  static String of(SizeChange s, String arrow) {
    if (s.previous() != null) {
      // a resize: old -> new, the new size as allocated on this layer
      return human(s.previous()) + " " + arrow + " " + allocated(s);
    }
    if (s.allocated() == s.requested()) {
      return human(s.requested());
    }
    return human(s.requested()) + " " + arrow + " " + allocated(s);
  }

  /** The allocation as the request plus (or minus) the difference. */
  private static String allocated(SizeChange s) {
    long diff = s.allocated() - s.requested();
    if (diff == 0) {
      return human(s.requested());
    }
    return human(s.requested()) + (diff > 0 ? " + " : " - ") + human(Math.abs(diff));
  }
}
