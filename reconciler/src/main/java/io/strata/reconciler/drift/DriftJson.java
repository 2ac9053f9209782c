package io.strata.reconciler.drift;

import io.strata.planner.json.JsonText;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code strata drift --format json}: a versioned document, fields added but never renamed.
 *
 * <pre>{"apiVersion": "strata.drift/v1", "commit": "…", "inSync": false,
 *  "summary": {"missing": 0, "resized": 1, …},
 *  "items": [{"key", "volume", "node", "layer", "class", "object", "detail"}]}</pre>
 */
public final class DriftJson {
  public static final String API_VERSION = "strata.drift/v1";

  private DriftJson() {}

  /** Pretty-printed, byte-stable, ending with a newline. {@code commit} is null outside Git. */
  public static String write(Drift drift, String commit) {
    ObjectNode root = JsonText.object();
    root.put("apiVersion", API_VERSION);
    root.put("commit", commit);
    root.put("inSync", drift.inSync());
    ObjectNode summary = root.putObject("summary");
    for (DriftClass c : DriftClass.values()) {
      summary.put(c.label(), (int) drift.items().stream().filter(i -> i.driftClass() == c).count());
    }
    ArrayNode items = root.putArray("items");
    for (DriftItem i : drift.items()) {
      ObjectNode o = items.addObject();
      o.put("key", i.key());
      o.put("volume", i.volume());
      o.put("node", i.node());
      o.put("layer", i.layer());
      o.put("class", i.driftClass().label());
      o.put("object", i.object());
      o.put("detail", i.detail());
    }
    return JsonText.pretty(root);
  }
}
