package io.strata.simulator.state;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The data ledger ({@code ledger.json}): every destruction of a device that held data, and the
 * destructions authorized beforehand. Written only when one of them changes.
 */
public final class Ledger extends MetaPart {
  public List<LedgerEvent> events = new ArrayList<>();

  /** Entries {@code node + " " + canonicalPath} whose destruction is authorized. */
  public TreeSet<String> authorized = new TreeSet<>();

  public List<LedgerEvent> events() {
    return List.copyOf(events);
  }

  public boolean authorized(String key) {
    return authorized.contains(key);
  }

  public void authorize(String key) {
    if (authorized.add(key)) {
      changed();
    }
  }

  /** The device is gone: its authorization is used up. */
  public void revoke(String key) {
    if (authorized.remove(key)) {
      changed();
    }
  }

  /** Appends an event, numbered after the last. */
  public void record(
      String node,
      String device,
      LedgerEvent.Kind kind,
      String operation,
      String command,
      long generation) {
    events.add(
        new LedgerEvent(events.size() + 1L, node, device, kind, operation, command, generation));
    changed();
  }

  public void clear() {
    if (!events.isEmpty() || !authorized.isEmpty()) {
      events.clear();
      authorized.clear();
      changed();
    }
  }
}
