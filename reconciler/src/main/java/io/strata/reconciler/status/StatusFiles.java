package io.strata.reconciler.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Renders a {@link StatusSnapshot} into the files of the status branch, deterministically: keys in
 * a fixed order, lists sorted by name, no timestamps except condition transition times (which only
 * move when a status changes). The same snapshot and history give byte-identical files, so an
 * unchanged cluster produces an unchanged tree and no commit.
 */
public final class StatusFiles {
  public static final String RECONCILER = "status/reconciler.yaml";
  public static final String OBSERVED = "status/observed.json";
  public static final String LAST_PLAN = "status/last-plan.md";

  private StatusFiles() {}

  public static String volumePath(String name) {
    return "status/volumes/" + name + ".yaml";
  }

  public static String nodePath(String name) {
    return "status/nodes/" + name + ".yaml";
  }

  /**
   * One file of a rendering: the values it was rendered from ({@code null} for files that are text
   * already), its bytes, and the conditions it records (with their carried-over times).
   */
  public record Rendered(Object input, byte[] bytes, List<Condition> conditions) {}

  /**
   * The files of the snapshot. {@code previous} returns the conditions recorded in the previous
   * status commit for a path (empty when none), so transition times carry over. A file whose values
   * equal those it had in {@code before} (an earlier rendering) keeps its bytes instead of being
   * dumped again, and one that differs only in its commits gets them spliced in ({@link
   * CommitLines}): with thousands of volumes, that is nearly every file of a cycle.
   */
  public static SortedMap<String, Rendered> render(
      StatusSnapshot s,
      Function<String, List<Condition>> previous,
      Instant now,
      Map<String, Rendered> before) {
    SortedMap<String, Rendered> out = new TreeMap<>();
    CommitLines lines = new CommitLines();
    List<Condition> recConditions =
        Condition.carryOver(s.reconciler().conditions(), previous.apply(RECONCILER), now);
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("kind", "ReconcilerStatus");
    commits(rec, s.reconciler().commits());
    rec.put("conditions", conditions(recConditions));
    if (!s.reconciler().validationErrors().isEmpty()) {
      rec.put("validationErrors", s.reconciler().validationErrors());
    }
    putIfSet(rec, "lastError", s.reconciler().lastError());
    out.put(RECONCILER, yaml(rec, recConditions, before.get(RECONCILER), lines));

    List<StatusSnapshot.VolumeStatus> volumes = new ArrayList<>(s.volumes());
    volumes.sort(Comparator.comparing(v -> v.facts().name()));
    for (StatusSnapshot.VolumeStatus v : volumes) {
      String path = volumePath(v.facts().name());
      List<Condition> c = Condition.carryOver(v.conditions(), previous.apply(path), now);
      out.put(path, yaml(volume(v, c), c, before.get(path), lines));
    }
    List<StatusSnapshot.NodeStatus> nodes = new ArrayList<>(s.nodes());
    nodes.sort(Comparator.comparing(n -> n.facts().name()));
    for (StatusSnapshot.NodeStatus n : nodes) {
      String path = nodePath(n.facts().name());
      List<Condition> c = Condition.carryOver(n.conditions(), previous.apply(path), now);
      out.put(path, yaml(node(n, c), c, before.get(path), lines));
    }
    if (s.observedJson() != null) {
      // without an observation the writer keeps the last one (StatusWriter), never "{}"
      out.put(OBSERVED, text(s.observedJson()));
    }
    out.put(LAST_PLAN, text(s.lastPlanMarkdown() == null ? "" : s.lastPlanMarkdown()));
    return out;
  }

  /**
   * A file's rendering: the earlier bytes when its values are the same, the earlier bytes with new
   * commit lines when only its commits moved, a full dump otherwise.
   */
  private static Rendered yaml(
      Map<String, Object> input, List<Condition> c, Rendered before, CommitLines lines) {
    if (before != null && before.input() instanceof Map<?, ?> was) {
      if (input.equals(was)) {
        // the remembered values (compact already, CompactValues) stand for these
        return new Rendered(was, before.bytes(), c);
      }
      byte[] spliced = lines.splice(input, was, before.bytes());
      if (spliced != null) {
        return new Rendered(input, spliced, c);
      }
    }
    return new Rendered(input, yaml(input), c);
  }

  private static Rendered text(String s) {
    return new Rendered(null, bytes(s), List.of());
  }

  private static Map<String, Object> volume(StatusSnapshot.VolumeStatus v, List<Condition> c) {
    StatusModel.VolumeFacts f = v.facts();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "VolumeStatus");
    m.put("name", f.name());
    commits(m, v.commits());
    m.put("conditions", conditions(c));
    Map<String, Object> size = new LinkedHashMap<>();
    putIfSet(size, "requestedBytes", f.requestedBytes());
    putIfSet(size, "allocatedBytes", f.allocatedBytes());
    if (!size.isEmpty()) {
      m.put("size", size);
    }
    List<StatusModel.ReplicaFacts> replicas = new ArrayList<>(f.replicas());
    replicas.sort(Comparator.comparing(StatusModel.ReplicaFacts::node));
    List<Object> placement = new ArrayList<>();
    for (StatusModel.ReplicaFacts r : replicas) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("node", r.node());
      p.put("role", r.diskful() ? "diskful" : "diskless");
      putIfSet(p, "pool", r.pool());
      putIfSet(p, "devicePath", r.devicePath());
      Map<String, Object> repl = new LinkedHashMap<>();
      repl.put("state", r.replication().label());
      putIfSet(repl, "percentDone", r.percentDone());
      p.put("replication", repl);
      placement.add(p);
    }
    m.put("placement", placement);
    putIfSet(m, "lastError", v.lastError());
    return m;
  }

  private static Map<String, Object> node(StatusSnapshot.NodeStatus n, List<Condition> c) {
    StatusModel.NodeFacts f = n.facts();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "NodeStatus");
    m.put("name", f.name());
    commits(m, n.commits());
    m.put("conditions", conditions(c));
    m.put("reachable", f.reachable());
    putIfSet(m, "message", f.message());
    Map<String, Object> pools = new LinkedHashMap<>();
    new TreeMap<>(f.pools())
        .forEach(
            (name, p) -> {
              Map<String, Object> pm = new LinkedHashMap<>();
              pm.put("totalBytes", p.totalBytes());
              pm.put("freeBytes", p.freeBytes());
              pools.put(name, pm);
            });
    m.put("pools", pools);
    m.put("devices", new TreeMap<>(f.devices()));
    return m;
  }

  private static void commits(Map<String, Object> m, StatusSnapshot.Commits c) {
    m.put("observedCommit", c.observedCommit());
    m.put("lastAppliedCommit", c.lastAppliedCommit());
    m.put("lastAttemptedCommit", c.lastAttemptedCommit());
  }

  private static List<Object> conditions(List<Condition> carried) {
    List<Object> out = new ArrayList<>();
    for (Condition c : carried) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", c.type().label());
      m.put("status", c.status().label());
      m.put("reason", c.reason());
      m.put("message", c.message() == null ? "" : c.message());
      m.put("lastTransitionTime", c.lastTransitionTime().toString());
      out.add(m);
    }
    return out;
  }

  private static void putIfSet(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final DumpSettings DUMP =
      DumpSettings.builder()
          .setDefaultFlowStyle(FlowStyle.BLOCK)
          .setIndent(2)
          .setIndicatorIndent(0)
          .setWidth(200)
          // YAML 1.2 core schema, as most readers use: strings that look like booleans or
          // numbers there ("True", "1e3") get quoted, so kstatus' status: "True" stays a string.
          .setSchema(new CoreSchemaOneResolver())
          .build();

  private static final LoadSettings LOAD = LoadSettings.builder().build();

  /**
   * The core schema with a single scalar resolver. snakeyaml-engine's {@code CoreSchema} builds a
   * new one (a dozen regular expressions) each time it is asked, and its serializer asks twice per
   * scalar: that was most of a status write's CPU (decision 034). A resolver only reads its tables
   * once built, so one serves every dump, on any thread.
   */
  private static final class CoreSchemaOneResolver extends CoreSchema {
    private final ScalarResolver resolver = super.getScalarResolver();

    @Override
    public ScalarResolver getScalarResolver() {
      return resolver;
    }
  }

  static byte[] yaml(Map<String, Object> m) {
    return bytes(new Dump(DUMP).dumpToString(m));
  }

  /** Reads the conditions back from a status file of a previous commit; unreadable → empty. */
  public static List<Condition> readConditions(byte[] yaml) {
    Object root;
    try {
      root = new Load(LOAD).loadFromString(new String(yaml, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return List.of();
    }
    if (!(root instanceof Map<?, ?> m) || !(m.get("conditions") instanceof List<?> list)) {
      return List.of();
    }
    List<Condition> out = new ArrayList<>();
    for (Object o : list) {
      if (o instanceof Map<?, ?> c) {
        try {
          out.add(
              new Condition(
                  ConditionType.ofLabel(String.valueOf(c.get("type"))),
                  Condition.Status.ofLabel(String.valueOf(c.get("status"))),
                  String.valueOf(c.get("reason")),
                  String.valueOf(c.get("message")),
                  Instant.parse(String.valueOf(c.get("lastTransitionTime")))));
        } catch (RuntimeException e) {
          // A hand-edited or older entry: drop it; the condition gets a fresh time.
        }
      }
    }
    return out;
  }

  /** Reads one top-level string field of a previous status file ({@code lastAppliedCommit}). */
  public static String readField(byte[] yaml, String field) {
    try {
      Object root = new Load(LOAD).loadFromString(new String(yaml, StandardCharsets.UTF_8));
      if (root instanceof Map<?, ?> m && m.get(field) != null) {
        return String.valueOf(m.get(field));
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }
}
