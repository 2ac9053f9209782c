package io.strata.reconciler.drift;

/**
 * One drifted object. {@code volume} is null for node-level drift (an unreachable node); {@code
 * layer} is a layer name ({@code storage}, {@code luks}, {@code drbd}, {@code nvme}) or {@code
 * node} / {@code volume} when the drift concerns the whole node or volume.
 */
public record DriftItem(
    String volume, String node, String layer, DriftClass driftClass, String object, String detail) {

  /**
   * The stable alert key, {@code drift/<volume>/<node>/<layer>/<class>}: the same divergence
   * drifting again has the same key, and a key never holds spaces (names are validated, missing
   * parts are {@code -}).
   */
  public String key() {
    return "drift/"
        + part(volume)
        + "/"
        + part(node)
        + "/"
        + part(layer)
        + "/"
        + driftClass.label();
  }

  private static String part(String s) {
    return s == null || s.isBlank() ? "-" : s.replace(' ', '-').replace('/', '-');
  }

  @Override
  public String toString() {
    return (volume == null ? "" : volume + " ")
        + "on "
        + (node == null ? "-" : node)
        + " ["
        + layer
        + "] "
        + driftClass.label()
        + ": "
        + detail;
  }
}
