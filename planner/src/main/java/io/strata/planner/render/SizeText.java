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
    if (s.allocated() == s.requested()) {
      return human(s.requested());
    }
    long diff = s.allocated() - s.requested();
    String sign = diff > 0 ? " + " : " - ";
    return human(s.requested())
        + " "
        + arrow
        + " "
        + human(s.requested())
        + sign
        + human(Math.abs(diff));
  }
}
