package io.strata.planner.observed;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An LV as {@code lvs} reports it. {@code thinPool} is the pool of a thin LV (null for thick);
 * {@code origin} is set for snapshots. Strata owns it when it carries the tag {@code strata}.
 */
public record LogicalVolume(
    String vg,
    String name,
    long size,
    SortedSet<String> tags,
    String thinPool,
    String origin,
    String attr) {
  public static final String OWNER_TAG = "strata";

  /** Tag of an LV whose initialization (docs/decisions/005) is unfinished. */
  public static final String INIT_TAG = "strata-init";

  /** Prefix of the tag that records what a clone was made from (docs/decisions/027). */
  public static final String SOURCE_TAG_PREFIX = "strata-source=";

  public LogicalVolume {
    tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
  }

  public static LogicalVolume of(String vg, String name, long size, Set<String> tags) {
    return new LogicalVolume(vg, name, size, new TreeSet<>(tags), null, null, "-wi-a-----");
  }

  public boolean owned() {
    return tags.contains(OWNER_TAG);
  }

  /** The LV carries the initialization marker. */
  public boolean initMarker() {
    return tags.contains(INIT_TAG);
  }

  /**
   * False only when lvs says the LV is not active ({@code -} as the fifth lv_attr character, as
   * after a reboot without autoactivation); an unknown state ({@code X}: no kernel driver) counts
   * as active, so nothing is planned on a guess.
   */
  public boolean active() {
    return attr == null || attr.length() < 5 || attr.charAt(4) != '-';
  }

  /**
   * The source Strata cloned this LV from ({@code snapshot:V/S} or {@code volume:V}, the value of
   * its {@code strata-source=} tag, docs/decisions/027); null when it has none.
   */
  public String source() {
    for (String t : tags) {
      if (t.startsWith(SOURCE_TAG_PREFIX)) {
        return t.substring(SOURCE_TAG_PREFIX.length());
      }
    }
    return null;
  }

  public boolean isSnapshot() {
    return origin != null && !origin.isEmpty();
  }

  public String devicePath() {
    return DevicePaths.lv(vg, name);
  }
}
