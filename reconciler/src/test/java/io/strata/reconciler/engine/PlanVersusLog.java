package io.strata.reconciler.engine;

import io.strata.simulator.Probes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proof that the plan shown is the plan applied (issue 10, decision 015): the mutating commands
 * a saved plan ({@code strata plan --out p.json}) lists are exactly the ones the simulated nodes
 * ran during {@code strata apply p.json} ({@code strata sim log --format json}), each change's in
 * its order, and no change's before every change it depends on had run all of its own.
 *
 * <p>Mutating: every file write ({@code write}), file removal ({@code rm}) and command except the
 * read-only probes ({@link Probes#readOnly}, the same list that hides probes in text plans) and
 * file reads ({@code read}). A plan argument in angle brackets ({@code <hostnqn>}) is a value the
 * executor reads on the node at apply time; it matches any one argument.
 *
 * <p>One known gap is tolerated, by name: a DRBD update frees the bitmap slot of each peer that
 * left ({@code drbdsetup forget-peer}), found by reading the old {@code .res} file at apply time,
 * which its preview cannot show (decision 015 lists it for the planner to carry in the spec).
 */
public final class PlanVersusLog {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private record Change(String id, String node, List<String> dependsOn, List<List<String>> todo) {}

  private record Ran(long seq, String node, List<String> argv) {}

  private PlanVersusLog() {}

  /** Whether an operation changes a node (plan vocabulary: {@code write}/{@code rm} for files). */
  public static boolean mutating(List<String> argv) {
    return !argv.isEmpty() && !argv.get(0).equals("read") && !Probes.readOnly(argv);
  }

  /**
   * Checks {@code logLines} (the {@code sim log --format json} lines written while the plan was
   * applied) against {@code planJson}; returns the number of mutating operations matched, or throws
   * an AssertionError that says what differs.
   */
  public static int check(String planJson, List<String> logLines) {
    Map<String, Change> changes = new LinkedHashMap<>();
    for (JsonNode c : JSON.readTree(planJson).get("changes")) {
      List<List<String>> todo = new ArrayList<>();
      c.get("commands").forEach(a -> todo.add(fileOp(strings(a))));
      todo.removeIf(a -> !mutating(a));
      List<String> deps = new ArrayList<>();
      c.get("dependsOn").forEach(d -> deps.add(d.asString()));
      String id = c.get("id").asString();
      changes.put(id, new Change(id, c.get("node").asString(), deps, todo));
    }
    List<Ran> ran = new ArrayList<>();
    for (String l : logLines) {
      JsonNode n = JSON.readTree(l);
      List<String> argv =
          n.has("write")
              ? List.of("write", n.get("write").asString())
              : n.has("delete")
                  ? List.of("rm", n.get("delete").asString())
                  : strings(n.get("argv"));
      if (mutating(argv) && !knownGap(argv)) {
        ran.add(new Ran(n.get("seq").asLong(), n.get("node").asString(), argv));
      }
    }
    Map<String, Integer> next = new LinkedHashMap<>();
    changes.keySet().forEach(id -> next.put(id, 0));
    for (Ran r : ran) {
      String match = null;
      List<String> blocked = new ArrayList<>();
      for (Change c : changes.values()) {
        int i = next.get(c.id());
        if (!c.node().equals(r.node())
            || i >= c.todo().size()
            || !same(c.todo().get(i), r.argv())) {
          continue;
        }
        List<String> open = c.dependsOn().stream().filter(d -> !done(changes, next, d)).toList();
        if (open.isEmpty()) {
          match = c.id();
          break;
        }
        blocked.add(c.id() + " (before " + open + ")");
      }
      if (match == null) {
        throw new AssertionError(
            "#"
                + r.seq()
                + " "
                + r.node()
                + " ran "
                + r.argv()
                + (blocked.isEmpty()
                    ? ", which the plan does not show next for any change on that node"
                    : " for " + blocked + ": before a change it depends on had finished")
                + "; still to run: "
                + remaining(changes, next));
      }
      next.merge(match, 1, Integer::sum);
    }
    Map<String, List<List<String>>> left = remaining(changes, next);
    if (!left.isEmpty()) {
      throw new AssertionError("the plan showed commands that apply never ran: " + left);
    }
    return ran.size();
  }

  private static boolean knownGap(List<String> argv) {
    return argv.size() == 4 && argv.get(0).equals("drbdsetup") && argv.get(1).equals("forget-peer");
  }

  /** A file write's value is its content, which the log does not keep: compare the path. */
  private static List<String> fileOp(List<String> argv) {
    return argv.size() > 2 && argv.get(0).equals("write") ? argv.subList(0, 2) : argv;
  }

  /** Equal, except that a plan argument {@code <name>} matches any one argument. */
  private static boolean same(List<String> planned, List<String> ran) {
    if (planned.size() != ran.size()) {
      return false;
    }
    for (int i = 0; i < planned.size(); i++) {
      String p = planned.get(i);
      boolean placeholder = p.length() > 2 && p.startsWith("<") && p.endsWith(">");
      if (!placeholder && !p.equals(ran.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean done(Map<String, Change> changes, Map<String, Integer> next, String id) {
    Change c = changes.get(id);
    if (c == null) {
      throw new AssertionError("a change depends on " + id + ", which is not in the plan");
    }
    return next.get(id) >= c.todo().size();
  }

  private static Map<String, List<List<String>>> remaining(
      Map<String, Change> changes, Map<String, Integer> next) {
    Map<String, List<List<String>>> out = new LinkedHashMap<>();
    changes
        .values()
        .forEach(
            c -> {
              int i = next.get(c.id());
              if (i < c.todo().size()) {
                out.put(c.id(), c.todo().subList(i, c.todo().size()));
              }
            });
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(a -> out.add(a.asString()));
    return out;
  }
}
