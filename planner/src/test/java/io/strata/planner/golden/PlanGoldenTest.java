package io.strata.planner.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.Planner;
import io.strata.planner.json.ObservedJson;
import io.strata.planner.json.PlanJson;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.Plan;
import io.strata.planner.policy.Policy;
import io.strata.planner.render.MarkdownRenderer;
import io.strata.planner.render.TextRenderer;
import io.strata.planner.testing.Observed;
import io.strata.planner.testing.PlanEffects;
import io.strata.schema.load.LoadResult;
import io.strata.schema.load.ManifestLoader;
import io.strata.schema.model.DesiredState;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Planner golden cases under {@code src/test/resources/golden/<case>/}: {@code manifests/*.yaml}
 * (desired), {@code observed.json} (input), optional {@code policy.properties}, and the expected
 * {@code plan.json}, {@code plan.txt}, {@code plan.md}. With {@code -Dstrata.regenerate=true} the
 * inputs' {@code observed.json} is rebuilt too: from a fresh cluster, or from {@code before/*.yaml}
 * planned and applied with the test model until converged, plus the case's out-of-band tweak
 * (below). Review every regenerated file in Git.
 */
class PlanGoldenTest {
  static final Path ROOT = Golden.resource("golden");

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    List<Path> dirs;
    try (Stream<Path> s = Files.list(ROOT)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(dirs.size() >= 15, "golden cases missing under " + ROOT);
    return dirs.stream()
        .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
  }

  /**
   * The PR comment quoted in the docs (docs/examples/pr-comment-add-replica.md): the golden case
   * add-replica-1tib as a pull request would show it, with a commit id and the real fingerprint.
   */
  @org.junit.jupiter.api.Test
  void prCommentExampleInTheDocsIsCurrent() {
    Path dir = ROOT.resolve("add-replica-1tib");
    DesiredState desired = load(dir.resolve("manifests"));
    ObservedState observed =
        ObservedJson.read(Golden.read(dir.resolve("observed.json")), "observed.json");
    Plan plan =
        Planner.plan(
            desired,
            observed,
            policy(dir),
            "3f2a9c1e7b4d0a5f6e8d9c0b1a2f3e4d5c6b7a8f",
            io.strata.planner.fingerprint.Fingerprint.of(observed));
    Golden.assertMatches(
        Path.of("..", "docs", "examples", "pr-comment-add-replica.md"),
        MarkdownRenderer.render(plan, CommandPreview.NONE));
  }

  static void run(Path dir) {
    String name = dir.getFileName().toString();
    DesiredState desired = load(dir.resolve("manifests"));
    Path observedFile = dir.resolve("observed.json");
    if (Golden.regenerating()) {
      Golden.assertMatches(observedFile, ObservedJson.write(observedFor(name, dir)));
    }
    ObservedState observed = ObservedJson.read(Golden.read(observedFile), name + "/observed.json");
    Plan plan = Planner.plan(desired, observed, policy(dir), "golden", "sha256:golden");
    Golden.assertMatches(dir.resolve("plan.json"), PlanJson.write(plan, CommandPreview.NONE));
    Golden.assertMatches(
        dir.resolve("plan.txt"), TextRenderer.render(plan, CommandPreview.NONE, false));
    Golden.assertMatches(
        dir.resolve("plan.md"), MarkdownRenderer.render(plan, CommandPreview.NONE));
  }

  static DesiredState load(Path manifests) {
    LoadResult r = ManifestLoader.load(manifests);
    if (r instanceof LoadResult.Invalid bad) {
      throw new AssertionError("invalid manifests in " + manifests + ":\n" + bad.render());
    }
    return ((LoadResult.Valid) r).state();
  }

  static Policy policy(Path dir) {
    Path f = dir.resolve("policy.properties");
    if (!Files.exists(f)) {
      return Policy.DEFAULT;
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(Golden.read(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Policy(
            Boolean.parseBoolean(p.getProperty("prune", "false")),
            Policy.Heal.valueOf(p.getProperty("heal", "SAFE")),
            Double.parseDouble(p.getProperty("maxDestroyFraction", "0.10")),
            Boolean.parseBoolean(p.getProperty("overrideGuard", "false")))
        .withSyncRate(Long.parseLong(p.getProperty("syncRate", "0")))
        .withSnapshotsDue(due(p.getProperty("snapshotsDue", "")));
  }

  /** {@code snapshotsDue=web@2026-12-06T02:00:00Z,db@…}: volumes whose schedule is due. */
  static Map<String, java.time.Instant> due(String spec) {
    Map<String, java.time.Instant> due = new TreeMap<>();
    for (String item : spec.split(",")) {
      if (!item.isBlank()) {
        String[] kv = item.trim().split("@", 2);
        due.put(kv[0], java.time.Instant.parse(kv[1]));
      }
    }
    return due;
  }

  /** The observed state a case starts from (used only when regenerating). */
  static ObservedState observedFor(String name, Path dir) {
    long gib = name.endsWith("-1tib") ? 4096 : 100;
    ObservedState o = Observed.fresh(gib, "alpha", "beta", "gamma", "delta");
    if (Files.isDirectory(dir.resolve("before"))) {
      DesiredState before = load(dir.resolve("before"));
      for (int i = 0; i < 4; i++) {
        Plan p = Planner.plan(before, o, Policy.DEFAULT, null, "f");
        if (p.isEmpty()) {
          break;
        }
        o = PlanEffects.apply(before, o, p);
      }
    }
    return switch (name) {
      case "orphan-pruned", "guard-tripped" -> markDelete(o, "old_00000");
      case "unknown-node" -> unreachable(o, "beta", "ssh: connect timed out");
      case "node-rebooted" -> reboot(o, "alpha");
      case "snapshot-scheduled" ->
          snapshots(
              o,
              "web_00000",
              Map.of(
                  "web-auto-20261206t010000z", Set.of("strata", "strata-scheduled"),
                  "web-auto-20261206t000000z", Set.of("strata", "strata-scheduled"),
                  "web-auto-20261205t230000z", Set.of("strata", "strata-scheduled"),
                  "web-auto-20261201t000000z", Set.of("strata"),
                  "web-auto-20261130t000000z", Set.of("strata-scheduled"),
                  "web-manual", Set.of("strata")));
      case "unowned-object" ->
          addLv(o, "alpha", LogicalVolume.of("vg0", "pg-data_00000", 10L << 30, Set.of()));
      case "adopt-lvm", "adopt-size-mismatch", "adopt-name-mismatch" ->
          addLv(
              addLv(o, "alpha", LogicalVolume.of("vg0", "legacy_00000", 10L << 30, Set.of())),
              "alpha",
              LogicalVolume.of("vg0", "oldname", 10L << 30, Set.of()));
      default -> o;
    };
  }

  /** Adds snapshot LVs of {@code origin}, with their tags, wherever {@code origin} is. */
  static ObservedState snapshots(ObservedState o, String origin, Map<String, Set<String>> snaps) {
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    nodes.replaceAll(
        (k, n) -> {
          List<LogicalVolume> lvs = new ArrayList<>(n.logicalVolumes());
          for (LogicalVolume lv : n.logicalVolumes()) {
            if (lv.name().equals(origin)) {
              new TreeMap<>(snaps)
                  .forEach(
                      (name, tags) ->
                          lvs.add(
                              new LogicalVolume(
                                  lv.vg(),
                                  name,
                                  lv.size(),
                                  new TreeSet<>(tags),
                                  lv.thinPool(),
                                  origin,
                                  "Vwi-a-tz-k-")));
            }
          }
          return withLvs(n, lvs);
        });
    return ObservedState.of(nodes, o.unreachable());
  }

  static ObservedState markDelete(ObservedState o, String lvName) {
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    nodes.replaceAll(
        (k, n) -> {
          List<LogicalVolume> lvs = new ArrayList<>();
          for (LogicalVolume lv : n.logicalVolumes()) {
            if (lv.name().equals(lvName)) {
              TreeSet<String> tags = new TreeSet<>(lv.tags());
              tags.add("strata-delete");
              lv =
                  new LogicalVolume(
                      lv.vg(), lv.name(), lv.size(), tags, lv.thinPool(), lv.origin(), lv.attr());
            }
            lvs.add(lv);
          }
          return withLvs(n, lvs);
        });
    return ObservedState.of(nodes, o.unreachable());
  }

  /**
   * What observation finds on {@code node} after a reboot: LVs inactive (thin pools report no
   * usage), no dm-crypt mapping, DRBD resources configured but down, no nvmet export and no NVMe
   * connection.
   */
  static ObservedState reboot(ObservedState o, String node) {
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    NodeState n = nodes.get(node);
    List<LogicalVolume> lvs = new ArrayList<>();
    for (LogicalVolume lv : n.logicalVolumes()) {
      String a = lv.attr();
      String inactive = a.substring(0, 4) + '-' + a.substring(5);
      lvs.add(
          new LogicalVolume(
              lv.vg(), lv.name(), lv.size(), lv.tags(), lv.thinPool(), lv.origin(), inactive));
    }
    List<io.strata.planner.observed.DrbdResource> drbd = new ArrayList<>();
    for (var r : n.drbdResources()) {
      drbd.add(new io.strata.planner.observed.DrbdResource(r.name(), r.owned(), r.config(), null));
    }
    nodes.put(
        node,
        new NodeState(
            n.node(),
            n.volumeGroups(),
            n.thinPools().stream()
                .map(t -> new io.strata.planner.observed.ThinPool(t.vg(), t.name(), t.size(), 0))
                .toList(),
            n.zpools(),
            lvs,
            n.zvols(),
            List.of(),
            drbd,
            List.of(),
            List.of(),
            n.hostNqn(),
            n.unobserved()));
    return ObservedState.of(nodes, Map.copyOf(o.unreachable()));
  }

  static ObservedState unreachable(ObservedState o, String node, String why) {
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    nodes.remove(node);
    TreeMap<String, String> down = new TreeMap<>(o.unreachable());
    down.put(node, why);
    return ObservedState.of(nodes, down);
  }

  static ObservedState addLv(ObservedState o, String node, LogicalVolume lv) {
    TreeMap<String, NodeState> nodes = new TreeMap<>(o.nodes());
    NodeState n = nodes.get(node);
    List<LogicalVolume> lvs = new ArrayList<>(n.logicalVolumes());
    lvs.add(lv);
    nodes.put(node, withLvs(n, lvs));
    return ObservedState.of(nodes, Map.copyOf(o.unreachable()));
  }

  static NodeState withLvs(NodeState n, List<LogicalVolume> lvs) {
    return new NodeState(
        n.node(),
        n.volumeGroups(),
        n.thinPools(),
        n.zpools(),
        lvs,
        n.zvols(),
        n.luksDevices(),
        n.drbdResources(),
        n.nvmeSubsystems(),
        n.nvmeConnections(),
        n.hostNqn(),
        n.unobserved());
  }
}
