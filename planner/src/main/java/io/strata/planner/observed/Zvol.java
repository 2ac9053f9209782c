package io.strata.planner.observed;

/**
 * A zvol or zvol snapshot ({@code dataset} is {@code pool/name} or {@code pool/name@snap}). {@code
 * owner} is the {@code strata:owner} user property ("-" or null when unset); Strata owns it when
 * set. {@code init} is the {@code strata:init} user property: {@code pending} while the zvol's
 * initialization (docs/decisions/005) is unfinished, null when unset. {@code source} is the {@code
 * strata:source} user property of a zvol cloned by Strata ({@code snapshot:V/S} or {@code
 * volume:V}, docs/decisions/027), null when unset.
 */
public record Zvol(
    String dataset,
    long volsize,
    long used,
    long refreservation,
    String owner,
    String init,
    String source) {
  /** The {@code strata:init} value of a zvol whose initialization is unfinished. */
  public static final String INIT_PENDING = "pending";

  public Zvol(String dataset, long volsize, long used, long refreservation, String owner) {
    this(dataset, volsize, used, refreservation, owner, null, null);
  }

  public Zvol(
      String dataset, long volsize, long used, long refreservation, String owner, String init) {
    this(dataset, volsize, used, refreservation, owner, init, null);
  }

  /** The zvol carries the initialization marker. */
  public boolean initMarker() {
    return INIT_PENDING.equals(init);
  }

  public boolean owned() {
    return owner != null && !owner.isEmpty() && !owner.equals("-");
  }

  public boolean isSnapshot() {
    return dataset.contains("@");
  }

  /**
   * The pool it is in: the dataset up to its last {@code /} — a zpool ({@code tank}) or a dataset
   * in one ({@code tank/strata}, decision 037); null for a name without a {@code /}.
   */
  public String pool() {
    String base = base();
    int slash = base.lastIndexOf('/');
    return slash < 0 ? null : base.substring(0, slash);
  }

  /** Its own name, the last path segment: {@code web_00000} of {@code tank/strata/web_00000@s1}. */
  public String storageName() {
    String base = base();
    return base.substring(base.lastIndexOf('/') + 1);
  }

  /** The snapshot's name after {@code @}; null for a zvol. */
  public String snapshot() {
    int at = dataset.indexOf('@');
    return at < 0 ? null : dataset.substring(at + 1);
  }

  private String base() {
    int at = dataset.indexOf('@');
    return at < 0 ? dataset : dataset.substring(0, at);
  }

  /** Sparse (thin) zvols have no refreservation. */
  public boolean sparse() {
    return refreservation == 0;
  }

  public String devicePath() {
    return DevicePaths.zvol(dataset);
  }
}
