package io.strata.planner.fingerprint;

import io.strata.planner.json.JsonText;
import io.strata.planner.json.ObservedJson;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Plan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code sha256:<64 hex>} of the canonical observed JSON ({@link ObservedJson#tree}, compact,
 * UTF-8).
 *
 * <p>What is left out, and why. The fingerprint answers "is the world still the one the plan was
 * made from?", so it covers every object, its existence, ownership, sizes, configuration, DRBD
 * roles, disk, connection and replication states, NVMe path states and which nodes were unreachable
 * — everything a plan's decisions (and its data-safety checks) rest on. It leaves out only four
 * counters that move by themselves while applications write or DRBD resyncs, with no change to any
 * object:
 *
 * <ul>
 *   <li>DRBD {@code peers[].percentInSync} — the progress of a running resync; the states that
 *       matter (SyncSource/SyncTarget, Inconsistent, UpToDate) are included;
 *   <li>zvol {@code used}, thin pool {@code used}, zpool {@code free} — data written into volumes.
 * </ul>
 *
 * Including them would make every saved plan stale within seconds on a busy cluster. Leaving them
 * out costs nothing in safety: no destructive decision reads them, any object created or removed
 * out of band still changes the fingerprint (its own entry appears or disappears), and if written
 * data eats the room a planned create counted on, that create fails at apply with the tool's
 * out-of-space error while nothing is destroyed. Volume-group {@code free}, which only changes when
 * LVs are created, resized or removed, is included.
 */
public final class Fingerprint {
  public static final String PREFIX = "sha256:";

  private Fingerprint() {}

  /** The canonical JSON of an observation ({@link ObservedJson#write}) and its fingerprint. */
  public record Canonical(String json, String fingerprint) {}

  /**
   * Both from one tree: at 10,000 volumes building it is a tenth of a daemon's no-op cycle, and the
   * daemon needs both each time it observes.
   */
  public static Canonical canonical(ObservedState state) {
    ObjectNode tree = ObservedJson.tree(state);
    String json = JsonText.pretty(tree);
    return new Canonical(json, of(tree));
  }

  /** The fingerprint of {@code state}; equal states give equal fingerprints. */
  public static String of(ObservedState state) {
    return of(ObservedJson.tree(state));
  }

  /** The fingerprint of a canonical tree, which it strips of the fields left out. */
  private static String of(ObjectNode tree) {
    for (JsonNode node : tree.get("nodes")) {
      strip(node);
    }
    return PREFIX + sha256(tree);
  }

  /** Removes from one node's object the fields the fingerprint leaves out. */
  private static void strip(JsonNode node) {
    strip(node.get("zvols"), "used");
    strip(node.get("thinPools"), "used");
    strip(node.get("zpools"), "free");
    JsonNode drbd = node.get("drbdResources");
    if (drbd != null) {
      for (JsonNode r : drbd) {
        JsonNode runtime = r.get("runtime");
        if (runtime != null && runtime.isObject()) {
          strip(runtime.get("peers"), "percentInSync");
        }
      }
    }
  }

  /**
   * {@link #canonical} for observations made one after another, each node rendered once: a node
   * state that is the very object of the previous call's observation reuses its two renderings
   * (pretty for the JSON, stripped and compact for the fingerprint). The daemon's observations
   * answer most nodes with the objects of the last one (decisions 036, 040), and rendering all 34
   * MB again for one changed node took 0.6 s at 10,000 volumes. Gives exactly what {@link
   * #canonical} gives; holds the renderings of the last observation's nodes only. Not thread-safe.
   */
  public static final class Pieces {
    /**
     * A node's pretty rendering as a range of the last JSON (34 MB at 10,000 volumes: holding the
     * pieces besides it held it twice), and its compact one.
     */
    private record Piece(int from, int to, JsonNode compact) {}

    private String json = "";
    private Map<NodeState, Piece> last = new IdentityHashMap<>();

    public Canonical canonical(ObservedState state) {
      Map<NodeState, JsonText.Span> pretty = new IdentityHashMap<>();
      Map<NodeState, JsonNode> compact = new IdentityHashMap<>();
      for (NodeState n : state.nodes().values()) {
        Piece p = last.get(n);
        if (p == null) {
          ObjectNode tree = ObservedJson.node(n);
          // "nodes" is at depth 1 of the document, so each node's object is written at depth 2
          pretty.put(n, JsonText.Span.of(JsonText.fragment(tree, 2)));
          strip(tree);
          compact.put(n, JsonText.raw(JsonText.compact(tree)));
        } else {
          pretty.put(n, JsonText.Span.of(json, p.from(), p.to()));
          compact.put(n, p.compact());
        }
      }
      String text = JsonText.pretty(ObservedJson.tree(state, n -> pretty.get(n).node()));
      Map<NodeState, Piece> now = new IdentityHashMap<>();
      pretty.forEach(
          (n, s) -> now.put(n, new Piece(s.writtenFrom(), s.writtenTo(), compact.get(n))));
      json = text;
      last = now;
      return new Canonical(text, PREFIX + sha256(ObservedJson.tree(state, compact::get)));
    }
  }

  /**
   * Whether a saved plan no longer fits the world: its fingerprint differs from that of {@code
   * now}. A plan without a fingerprint is always stale (nothing proves what it was made from).
   */
  public static boolean isStale(Plan plan, ObservedState now) {
    return plan.fingerprint() == null || !plan.fingerprint().equals(of(now));
  }

  /** The fields {@link #of} leaves out, as JSON paths (for documentation and status output). */
  public static List<String> excludedFields() {
    return List.of(
        "nodes.*.drbdResources[].runtime.peers[].percentInSync",
        "nodes.*.zvols[].used",
        "nodes.*.thinPools[].used",
        "nodes.*.zpools[].free");
  }

  private static void strip(JsonNode list, String field) {
    if (list == null) {
      return;
    }
    for (JsonNode o : list) {
      ((ObjectNode) o).remove(field);
    }
  }

  /**
   * The SHA-256 of the tree's compact UTF-8 JSON, hashed as it is written: at 10,000 volumes the
   * text is 34 MB, and holding it (and its bytes) was what a 512 MiB daemon ran out of.
   */
  private static String sha256(JsonNode tree) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
        JsonText.compact(tree, out);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
