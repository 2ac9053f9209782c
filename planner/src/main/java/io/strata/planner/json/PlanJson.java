package io.strata.planner.json;

import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.Divergence;
import io.strata.planner.plan.Movement;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.PlanCost;
import io.strata.planner.plan.Refusal;
import io.strata.planner.plan.SizeChange;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The saved plan, {@code strata.plan/v1} (ARCHITECTURE.md §7): {@code format, commit, fingerprint,
 * summary, changes, refused, warnings}. Each change carries, besides the §7 fields, its full {@code
 * spec} (with a {@code type} discriminator) so that {@link #read} gives back exactly the Plan that
 * was written and {@code strata apply plan.json} applies what was reviewed. {@code commands} come
 * from the {@link CommandPreview} and are for reading only: {@link #read} ignores them, the
 * executors rebuild them from the spec. No secret can appear: specs hold secret references, and
 * secrets travel on stdin, never in argv.
 */
public final class PlanJson {
  /** The label used in error messages when the caller gives none. */
  public static final String DEFAULT_SOURCE = "plan.json";

  private PlanJson() {}

  /** The plan as pretty-printed, byte-stable JSON (ending with a newline). */
  public static String write(Plan plan, CommandPreview preview) {
    return JsonText.pretty(tree(plan, preview));
  }

  /** The plan as a JSON tree, keys in contract order. */
  public static ObjectNode tree(Plan plan, CommandPreview preview) {
    ObjectNode root = JsonText.object();
    root.put("format", Plan.FORMAT);
    root.put("commit", plan.commit());
    root.put("fingerprint", plan.fingerprint());
    ObjectNode summary = root.putObject("summary");
    for (Map.Entry<String, Integer> e : plan.summary().entrySet()) {
      summary.put(e.getKey(), e.getValue().intValue());
    }
    ArrayNode changes = root.putArray("changes");
    for (Change c : plan.changes()) {
      ObjectNode o = change(c, preview);
      Movement m = plan.cost().movements().get(c.id());
      if (m != null) {
        o.set("movement", CostJson.movement(m)); // decision 013: added field, only when data moves
      }
      changes.add(o);
    }
    ArrayNode refused = root.putArray("refused");
    for (Refusal r : plan.refused()) {
      ObjectNode o = refused.addObject();
      o.put("volume", r.volume());
      o.put("node", r.node());
      o.put("reason", r.reason());
      o.put("kind", r.kind().jsonName());
      ArrayNode vols = o.putArray("volumes");
      r.volumes().forEach(vols::add);
    }
    ArrayNode warnings = root.putArray("warnings");
    plan.warnings().forEach(warnings::add);
    // optional (decision 007): only present when something differs that no change heals, so plans
    // of a cluster in sync keep their exact §7 shape
    if (!plan.divergences().isEmpty()) {
      ArrayNode divergences = root.putArray("divergences");
      plan.divergences().forEach(d -> divergences.add(divergence(d)));
    }
    // optional (decision 013): what the plan costs, only when it moves data or touches a pool
    if (!plan.cost().isEmpty()) {
      root.set("cost", CostJson.cost(plan.cost()));
    }
    return root;
  }

  private static ObjectNode divergence(Divergence d) {
    ObjectNode o = JsonText.object();
    o.put("kind", d.kind());
    o.put("volume", d.volume());
    o.put("node", d.node());
    o.put("layer", d.layer().yamlName());
    o.put("object", d.object());
    if (d instanceof Divergence.Resized r) {
      o.put("declared", r.declared());
      o.put("observed", r.observed());
    }
    o.put("detail", d.detail());
    return o;
  }

  private static Divergence readDivergence(JsonIn d) {
    String kind = d.str("kind");
    if (!"resized".equals(kind)) {
      throw d.error("divergence kind \"" + kind + "\" is not known to this version of strata");
    }
    return new Divergence.Resized(
        d.optStr("volume"),
        d.optStr("node"),
        d.enumValue("layer", Layer.class),
        d.optStr("object"),
        d.lng("declared"),
        d.lng("observed"));
  }

  private static ObjectNode change(Change c, CommandPreview preview) {
    ObjectNode o = JsonText.object();
    o.put("id", c.id());
    o.put("action", c.action().jsonName());
    o.put("layer", c.layer().yamlName());
    o.put("node", c.node());
    o.put("volume", c.volume());
    o.put("object", c.object());
    if (c.size() != null) {
      ObjectNode size = o.putObject("size");
      size.put("requested", c.size().requested());
      size.put("allocated", c.size().allocated());
      if (c.size().previous() != null) {
        size.put("previous", c.size().previous());
      }
    }
    ArrayNode deps = o.putArray("dependsOn");
    c.dependsOn().forEach(deps::add);
    if (c.runsAfterFailure()) { // read from the spec; written for the reader (decision 022)
      o.put("runsAfterFailure", true);
    }
    o.put("reason", c.reason());
    ArrayNode commands = o.putArray("commands");
    for (List<String> argv : preview.commands(c)) {
      ArrayNode a = commands.addArray();
      argv.forEach(a::add);
    }
    o.set("spec", c.spec() == null ? null : SpecJson.write(c.spec()));
    return o;
  }

  /** Reads a saved plan; see {@link #read(String, String)}. */
  public static Plan read(String json) {
    return read(json, DEFAULT_SOURCE);
  }

  /**
   * Reads a saved plan back into the Plan that was written. Throws {@link JsonFormatException}
   * ({@code "plan.json: not a strata.plan/v1 file — …"}) when the text is not JSON or has another
   * format, and a message naming the JSON path when a field is missing or of the wrong type, or
   * when a change depends on a change that does not come before it.
   */
  public static Plan read(String json, String source) {
    String notPlan = source + ": not a " + Plan.FORMAT + " file";
    JsonNode node = JsonText.parse(json, notPlan);
    JsonIn in = JsonIn.root(source, node, notPlan + " — the top level is not a JSON object");
    if (!in.has("format")) {
      throw new JsonFormatException(notPlan + " — it has no \"format\" field");
    }
    String format = in.str("format");
    if (!Plan.FORMAT.equals(format)) {
      throw new JsonFormatException(
          notPlan
              + " — its format is \""
              + format
              + "\"; make the plan again with this version of strata");
    }
    Map<String, Movement> movements = new LinkedHashMap<>();
    List<Change> changes =
        in.objects(
            "changes",
            c -> {
              Change change = readChange(c);
              JsonIn m = c.optObj("movement");
              if (m != null) {
                movements.put(change.id(), CostJson.readMovement(m));
              }
              return change;
            });
    checkOrder(in, changes);
    JsonIn cost = in.optObj("cost");
    return new Plan(
        in.optStr("commit"),
        in.optStr("fingerprint"),
        changes,
        in.objects(
            "refused",
            r ->
                new Refusal(
                    r.optStr("volume"),
                    r.optStr("node"),
                    r.optStr("reason"),
                    Refusal.Kind.fromJson(r.optStr("kind")),
                    r.has("volumes") ? r.strings("volumes") : null)),
        in.strings("warnings"),
        in.objects("divergences", PlanJson::readDivergence),
        cost == null
            ? new PlanCost(movements, List.of(), List.of())
            : CostJson.read(cost, movements));
  }

  private static Change readChange(JsonIn c) {
    SizeChange size = null;
    JsonIn s = c.optObj("size");
    if (s != null) {
      size =
          new SizeChange(
              s.lng("requested"), s.lng("allocated"), s.has("previous") ? s.lng("previous") : null);
    }
    return new Change(
        c.str("id"),
        c.enumValue("action", Action.class),
        c.enumValue("layer", Layer.class),
        c.optStr("node"),
        c.optStr("volume"),
        c.optStr("object"),
        size,
        c.strings("dependsOn"),
        c.optStr("reason"),
        c.has("spec") ? SpecJson.read(c.obj("spec")) : null);
  }

  /** Ids are unique and every dependency comes earlier: the order is the apply order. */
  private static void checkOrder(JsonIn in, List<Change> changes) {
    Set<String> seen = new HashSet<>();
    List<String> all = new ArrayList<>();
    changes.forEach(c -> all.add(c.id()));
    for (int i = 0; i < changes.size(); i++) {
      Change c = changes.get(i);
      for (String dep : c.dependsOn()) {
        if (!seen.contains(dep)) {
          String why = all.contains(dep) ? "comes after it" : "is not in the plan";
          throw in.error(
              "changes["
                  + i
                  + "] ("
                  + c.id()
                  + ") depends on \""
                  + dep
                  + "\", which "
                  + why
                  + " — changes must be in a valid apply order; make the plan again");
        }
      }
      if (!seen.add(c.id())) {
        throw in.error(
            "changes[" + i + "]: the id \"" + c.id() + "\" appears twice — make the plan again");
      }
    }
  }
}
