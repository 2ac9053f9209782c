package io.strata.executors.zfs;

import io.strata.executors.layer.Command;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.Zvol;
import java.util.ArrayList;
import java.util.List;

/** Builds zfs / zpool argv (pure; cookbook §2). */
public final class ZfsCommands {
  public static final String OWNER_PROPERTY = "strata:owner";
  public static final String OWNER_VALUE = "strata";

  /**
   * The owner value that also marks the zvol deletable once its volume leaves Git
   * (docs/decisions/001); the planner reads the same string as {@code ObservedIndex.DELETE_OWNER}.
   */
  public static final String DELETE_OWNER_VALUE = ObservedIndex.DELETE_OWNER;

  /** The initialization marker (docs/decisions/005): {@code pending} until the stack is up. */
  public static final String INIT_PROPERTY = "strata:init";

  /** The columns of every {@code zfs list} Strata runs, in order. */
  public static final List<String> COLUMNS =
      List.of("name", "volsize", "used", "refreservation", OWNER_PROPERTY, INIT_PROPERTY);

  /** The user property a clone records its source in (docs/decisions/027). */
  public static final String SOURCE_PROPERTY = "strata:source";

  /**
   * The columns of the observing {@code zfs list}: {@link #COLUMNS}, the clone's source, and the
   * type and available space, which tell the filesystem datasets a pool may be ({@code
   * tank/strata}) and their room.
   */
  public static final List<String> OBSERVE_COLUMNS =
      List.of(
          "name",
          "volsize",
          "used",
          "refreservation",
          OWNER_PROPERTY,
          INIT_PROPERTY,
          SOURCE_PROPERTY,
          "type",
          "avail");

  /** Rounding unit when the plan leaves volblocksize to ZFS: 16K is a multiple of 8K too. */
  static final long DEFAULT_UNIT = 16384;

  private ZfsCommands() {}

  /** Every pool: a missing pool named on the command line would fail the whole call. */
  public static Command zpoolList() {
    return Command.of("zpool", "list", "-H", "-p", "-o", "name,size,free");
  }

  public static Command list(List<String> pools) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "zfs",
                "list",
                "-H",
                "-p",
                "-r",
                "-t",
                "filesystem,volume,snapshot",
                "-o",
                String.join(",", OBSERVE_COLUMNS)));
    a.addAll(pools);
    return Command.of(a);
  }

  /**
   * One zvol or snapshot; rc 1 "dataset does not exist" when absent. {@code -t volume,snapshot} so
   * that a snapshot named on the command line is listed whatever the default types are.
   */
  public static Command get(String dataset) {
    return Command.of(
        "zfs",
        "list",
        "-H",
        "-p",
        "-t",
        "volume,snapshot",
        "-o",
        String.join(",", COLUMNS),
        dataset);
  }

  /** ceil(bytes / unit) * unit with unit = volblocksize (16K when unset). */
  public static long round(long bytes, long volblocksize) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("a zvol size must be positive, got " + bytes + " bytes");
    }
    long unit = volblocksize > 0 ? volblocksize : DEFAULT_UNIT;
    return (bytes + unit - 1) / unit * unit;
  }

  /** {@code zfs create [-s] -V <KiB>KB [-o volblocksize=N] -o strata:owner=strata pool/name}. */
  public static Command create(String dataset, long bytes, boolean sparse, long volblocksize) {
    return create(dataset, bytes, sparse, volblocksize, false, false);
  }

  /**
   * As above; {@code strata:owner=strata-delete} with {@code deleteMarker}, and {@code
   * strata:init=pending} with {@code initMarker}, set by the same command.
   */
  public static Command create(
      String dataset,
      long bytes,
      boolean sparse,
      long volblocksize,
      boolean deleteMarker,
      boolean initMarker) {
    List<String> a = new ArrayList<>(List.of("zfs", "create"));
    if (sparse) {
      a.add("-s");
    }
    a.addAll(List.of("-V", round(bytes, volblocksize) / 1024 + "KB"));
    if (volblocksize > 0) {
      a.addAll(List.of("-o", "volblocksize=" + volblocksize));
    }
    a.addAll(List.of("-o", OWNER_PROPERTY + "=" + owner(deleteMarker)));
    if (initMarker) {
      a.addAll(List.of("-o", INIT_PROPERTY + "=" + Zvol.INIT_PENDING));
    }
    a.add(dataset);
    return Command.of(a);
  }

  /** Grow; {@code zfs set volsize} does not round and would also shrink, so callers check first. */
  public static Command setVolsize(String dataset, long bytes, long volblocksize) {
    return Command.of("zfs", "set", "volsize=" + round(bytes, volblocksize), dataset);
  }

  public static Command destroy(String dataset) {
    return Command.of("zfs", "destroy", dataset);
  }

  /**
   * {@code zfs clone -o strata:owner=… -o strata:source=… [-o refreservation=auto] pool/src@snap
   * pool/new}: a clone owned and marked in one command; a thick pool's clone reserves its space
   * like a zvol of that pool.
   */
  public static Command cloneOf(
      String snapshot, String dataset, boolean sparse, boolean deleteMarker, String marker) {
    List<String> a = new ArrayList<>(List.of("zfs", "clone"));
    a.addAll(List.of("-o", OWNER_PROPERTY + "=" + owner(deleteMarker)));
    a.addAll(List.of("-o", SOURCE_PROPERTY + "=" + marker));
    if (!sparse) {
      a.addAll(List.of("-o", "refreservation=auto"));
    }
    a.add(snapshot);
    a.add(dataset);
    return Command.of(a);
  }

  public static Command snapshot(String dataset, String snap) {
    return snapshot(dataset, snap, false);
  }

  public static Command snapshot(String dataset, String snap, boolean deleteMarker) {
    return snapshot(dataset, snap, deleteMarker, false);
  }

  /**
   * {@code scheduled}: a snapshot of the volume's schedule, marked {@code
   * strata:owner=strata-scheduled} (still owned; retention selects only these, decision 028).
   */
  public static Command snapshot(
      String dataset, String snap, boolean deleteMarker, boolean scheduled) {
    String owner = scheduled ? ObservedIndex.SCHEDULED_OWNER : owner(deleteMarker);
    return Command.of("zfs", "snapshot", "-o", OWNER_PROPERTY + "=" + owner, dataset + "@" + snap);
  }

  /**
   * {@code zfs set strata:owner=strata-delete|strata <dataset>}: adds or removes the delete marker
   * of an owned zvol or snapshot; it stays owned either way.
   */
  public static Command setOwner(String dataset, boolean deleteMarker) {
    return Command.of("zfs", "set", OWNER_PROPERTY + "=" + owner(deleteMarker), dataset);
  }

  /**
   * {@code zfs inherit strata:init <dataset>}: removes the initialization marker (a no-op when
   * unset).
   */
  public static Command clearInit(String dataset) {
    return Command.of("zfs", "inherit", INIT_PROPERTY, dataset);
  }

  public static String owner(boolean deleteMarker) {
    return deleteMarker ? DELETE_OWNER_VALUE : OWNER_VALUE;
  }
}
