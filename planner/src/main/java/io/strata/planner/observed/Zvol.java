package io.strata.planner.observed;

/**
 * A zvol or zvol snapshot ({@code dataset} is {@code pool/name} or {@code pool/name@snap}). {@code
 * owner} is the {@code strata:owner} user property ("-" or null when unset); Strata owns it when
 * set.
 */
public record Zvol(String dataset, long volsize, long used, long refreservation, String owner) {
  public boolean owned() {
    return owner != null && !owner.isEmpty() && !owner.equals("-");
  }

  public boolean isSnapshot() {
    return dataset.contains("@");
  }

  /** Sparse (thin) zvols have no refreservation. */
  public boolean sparse() {
    return refreservation == 0;
  }

  public String devicePath() {
    return "/dev/zvol/" + dataset;
  }
}
