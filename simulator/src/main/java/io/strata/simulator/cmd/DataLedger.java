package io.strata.simulator.cmd;

import io.strata.simulator.state.ClusterMeta;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.LedgerEvent;

/**
 * Records destructions of devices that hold data. A destruction is a data-loss event unless the
 * device was authorized beforehand; the authorization lasts until the device itself is removed.
 */
public final class DataLedger {
  private DataLedger() {}

  public static String key(String node, String canonicalPath) {
    return node + " " + canonicalPath;
  }

  /**
   * Called before {@code content} on {@code path} is overwritten or removed by {@code operation}.
   * Records an event when it held data, then gives the device a new content generation.
   */
  public static void destroy(Invocation inv, String path, Content content, String operation) {
    if (content == null) {
      return;
    }
    ClusterMeta meta = inv.cluster().meta();
    if (content.holdsAnyData()) {
      boolean ok = meta.ledger().authorized(key(inv.node().name, path));
      meta.ledger()
          .record(
              inv.node().name,
              path,
              ok ? LedgerEvent.Kind.AUTHORIZED_DESTRUCTION : LedgerEvent.Kind.DATA_LOSS,
              operation,
              inv.commandLine(),
              content.generation);
    }
    content.holdsData = false;
    content.dataId = null;
    content.generation = meta.counters().newGeneration();
  }

  /** The device is gone: its authorization is used up. */
  public static void removed(Invocation inv, String path) {
    inv.cluster().meta().ledger().revoke(key(inv.node().name, path));
  }

  public static Content fresh(Invocation inv) {
    return new Content(inv.cluster().meta().counters().newGeneration());
  }
}
