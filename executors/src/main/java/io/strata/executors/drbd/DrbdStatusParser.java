package io.strata.executors.drbd;

import io.strata.executors.layer.Json;
import io.strata.executors.layer.ObservationException;
import io.strata.planner.observed.DrbdResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Parses {@code drbdsetup status --json} (DRBD 9). drbdsetup prints its JSON by hand, so a tolerant
 * pre-pass turns bare {@code nan}/{@code inf} (older utils) into {@code null}; counters may exceed
 * a signed 64-bit long (they are not read); volume 0 is the one Strata uses.
 */
public final class DrbdStatusParser {
  private DrbdStatusParser() {}

  /** Runtime state by resource name, in output order. */
  public static Map<String, DrbdResource.Runtime> parse(String json) {
    return Json.refusing("drbdsetup status --json", () -> parse0(json));
  }

  private static Map<String, DrbdResource.Runtime> parse0(String json) {
    JsonNode root = Json.read("drbdsetup status --json", sanitize(json));
    if (!root.isArray()) {
      throw new ObservationException("drbdsetup status --json: expected a JSON array of resources");
    }
    Map<String, DrbdResource.Runtime> out = new LinkedHashMap<>();
    for (JsonNode r : root) {
      out.put(Json.name("drbdsetup status --json", "resource", Json.str(r, "name")), runtime(r));
    }
    return out;
  }

  static DrbdResource.Runtime runtime(JsonNode r) {
    JsonNode dev = volume0(r.path("devices"));
    long sizeKib = dev.path("size").asLong(0);
    if (sizeKib < 0) {
      throw new ObservationException("device size " + sizeKib + " KiB is negative");
    }
    List<DrbdResource.Peer> peers = new ArrayList<>();
    for (JsonNode c : r.path("connections")) {
      peers.add(peer(c));
    }
    return new DrbdResource.Runtime(
        Json.str(r, "role"),
        r.path("node-id").asInt(-1),
        dev.isMissingNode() ? "" : Json.str(dev, "disk-state"),
        sizeKib * 1024,
        peers,
        r.path("suspended-user").asBoolean(false));
  }

  static DrbdResource.Peer peer(JsonNode c) {
    JsonNode pd = volume0(c.path("peer_devices"));
    return new DrbdResource.Peer(
        Json.name("drbdsetup status --json", "connection", Json.str(c, "name")),
        c.path("peer-node-id").asInt(-1),
        Json.str(c, "connection-state").strip(),
        pd.isMissingNode() ? "DUnknown" : Json.str(pd, "peer-disk-state"),
        pd.isMissingNode() ? "Off" : Json.str(pd, "replication-state"),
        pd.path("percent-in-sync").isNumber() ? pd.path("percent-in-sync").asDouble() : 0.0);
  }

  private static JsonNode volume0(JsonNode arr) {
    JsonNode first = null;
    for (JsonNode d : arr) {
      if (d.path("volume").asInt(-1) == 0) {
        return d;
      }
      first = first == null ? d : first;
    }
    return first == null ? MissingNode.getInstance() : first;
  }

  /**
   * Replaces bare {@code nan}, {@code -nan}, {@code inf}, {@code -inf} outside strings with null.
   */
  static String sanitize(String s) {
    if (!s.contains("nan") && !s.contains("NaN") && !s.contains("inf")) {
      return s; // nearly always: the copy below cost a tenth of a daemon cycle at 1,000 nodes
    }
    StringBuilder b = new StringBuilder(s.length());
    boolean inString = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        b.append(c);
        if (c == '\\' && i + 1 < s.length()) {
          b.append(s.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
        b.append(c);
        continue;
      }
      int skip = bareWord(s, i);
      if (skip > 0) {
        b.append("null");
        i += skip - 1;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static final String[] BARE_WORDS = {"-nan", "nan", "-inf", "inf", "-NaN", "NaN"};

  private static int bareWord(String s, int i) {
    char c = s.charAt(i);
    if (c != '-' && c != 'n' && c != 'i' && c != 'N') {
      return 0;
    }
    for (String w : BARE_WORDS) {
      if (s.startsWith(w, i)
          && (i + w.length() >= s.length() || !Character.isLetterOrDigit(s.charAt(i + w.length())))
          && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
        return w.length();
      }
    }
    return 0;
  }
}
