package io.strata.planner.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.Planner;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.policy.Policy;
import io.strata.schema.load.LoadResult;
import io.strata.schema.load.ManifestLoader;
import io.strata.schema.model.DesiredState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Retention of scheduled snapshots (docs/decisions/028) never selects anything but a snapshot that
 * is Strata's, marked scheduled and not a Snapshot in Git; and it keeps exactly {@code keep} of the
 * scheduled ones (or all, when fewer). Snapshots of every kind are mixed on the replicas of the
 * golden case snapshot-scheduled, with names that look scheduled or not.
 */
class RetentionProperties {
  private static final Path CASE = PlanGoldenTest.ROOT.resolve("snapshot-scheduled");
  private static final Instant BASE = Instant.parse("2026-12-01T00:00:00Z");
  private static final String CLUSTER = read(CASE.resolve("manifests/cluster.yaml"));

  /** The replicated volume web, converged, without any snapshot. */
  private static final ObservedState CONVERGED =
      io.strata.planner.json.ObservedJson.read(
          read(PlanGoldenTest.ROOT.resolve("snapshot-replicated/observed.json")), "observed.json");

  /** What a snapshot on the replicas is. */
  enum Kind {
    SCHEDULED, // Strata's, marked scheduled: the only kind retention may delete
    OWNED_UNMARKED, // Strata's, named like a scheduled one, not marked
    UNOWNED_MARKED, // carries the scheduled tag but not Strata's owner tag
    MANUAL_IN_GIT, // a Snapshot manifest in Git
    MANUAL_ORPHAN // Strata's, its Snapshot left Git (no delete marker: retained)
  }

  record Snap(Kind kind, int hour, boolean scheduledName) {
    String name() {
      Instant at = BASE.plus(Duration.ofHours(hour));
      return scheduledName || kind == Kind.SCHEDULED
          ? Names.scheduledSnapshot("web", at)
          : "web-" + kind.name().toLowerCase().replace('_', '-') + "-" + hour;
    }

    Set<String> tags() {
      return switch (kind) {
        case SCHEDULED -> Set.of("strata", "strata-scheduled");
        case UNOWNED_MARKED -> Set.of("strata-scheduled");
        case OWNED_UNMARKED, MANUAL_IN_GIT, MANUAL_ORPHAN -> Set.of("strata");
      };
    }
  }

  @Provide
  Arbitrary<Snap> snap() {
    return Combinators.combine(
            Arbitraries.of(Kind.class),
            Arbitraries.integers().between(0, 200),
            Arbitraries.of(true, false))
        .as(Snap::new);
  }

  @Property(tries = 200)
  void prunesOnlyScheduledSnapshotsAndKeepsKeep(
      @ForAll @Size(max = 8) List<@net.jqwik.api.From("snap") Snap> snaps,
      @ForAll @IntRange(min = 1, max = 4) int keep,
      @ForAll boolean due,
      @ForAll boolean prune) {
    Map<String, Snap> byName = new TreeMap<>();
    snaps.forEach(s -> byName.putIfAbsent(s.name(), s));
    StringBuilder yaml = new StringBuilder();
    yaml.append(
        "apiVersion: strata.io/v1\nkind: Volume\nmetadata: {name: web}\nspec:\n  size: 5 GiB\n"
            + "  template: replicated-thin\n  snapshots: {schedule: \"0 0 * * * ?\", keep: "
            + keep
            + "}\n");
    Set<String> inGit = new TreeSet<>();
    for (Snap s : byName.values()) {
      if (s.kind() == Kind.MANUAL_IN_GIT) {
        inGit.add(s.name());
        yaml.append("---\napiVersion: strata.io/v1\nkind: Snapshot\nmetadata: {name: ")
            .append(s.name())
            .append("}\nspec: {volume: web}\n");
      }
    }
    DesiredState desired = load(yaml.toString());
    Map<String, Set<String>> tags = new TreeMap<>();
    byName.forEach((n, s) -> tags.put(n, s.tags()));
    ObservedState observed = PlanGoldenTest.snapshots(CONVERGED, "web_00000", tags);
    Instant fire = BASE.plus(Duration.ofHours(300));
    Policy policy =
        Policy.DEFAULT.withPrune(prune).withSnapshotsDue(due ? Map.of("web", fire) : Map.of());
    Plan plan = Planner.plan(desired, observed, policy, null, "f");

    Set<String> deleted = new TreeSet<>();
    for (Change c : plan.changes()) {
      if (c.action() == Action.DELETE && c.spec() instanceof ObjectSpec.StorageSnapshot s) {
        Snap seen = byName.get(s.name());
        assertTrue(seen != null, "deletes a snapshot that does not exist: " + s.name());
        assertEquals(Kind.SCHEDULED, seen.kind(), "retention selected " + seen);
        assertTrue(!inGit.contains(s.name()), "deletes a Snapshot in Git: " + s.name());
        deleted.add(s.name());
      }
    }
    long scheduled = byName.values().stream().filter(s -> s.kind() == Kind.SCHEDULED).count();
    long taken = due ? 1 : 0;
    long left = scheduled + taken - deleted.size();
    assertEquals(Math.min(keep, scheduled + taken), left, "scheduled snapshots left");
  }

  private static DesiredState load(String volumes) {
    LoadResult r =
        ManifestLoader.loadBytes(
            Map.of(
                "cluster.yaml",
                CLUSTER.getBytes(StandardCharsets.UTF_8),
                "volumes.yaml",
                volumes.getBytes(StandardCharsets.UTF_8)));
    if (r instanceof LoadResult.Invalid bad) {
      throw new AssertionError(bad.render());
    }
    return ((LoadResult.Valid) r).state();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
