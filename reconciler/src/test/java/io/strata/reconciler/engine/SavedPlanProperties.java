package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Issue 10's property against the real simulator, not a hand model of it (the planner's {@code
 * PlannerProperties} check idempotency against {@code PlanEffects}): over random repositories on
 * the simulated three-node cluster and random edits of them, each state of Git is planned, saved as
 * JSON, applied from the file — running exactly the file's mutating commands in dependency order
 * ({@link PlanVersusLog}) — observed, and planned again: empty, after one plan, with zero data-loss
 * events. Small tries: every try runs a real engine.
 */
@Tag("property")
class SavedPlanProperties {
  private static final Map<String, String> KEYS = Map.of("TEST_LUKS_KEY", "a passphrase");

  /** One volume of a random repository. */
  record Vol(String stack, String pool, int redundancy, int gib, String access) {
    String yaml(String name) {
      return Cluster.templateAndVolume(name, stack, pool, redundancy, gib + " GiB", access)
          .replace(", access: [", ", deletionPolicy: Delete, access: [");
    }
  }

  /** One edit of the repository. */
  record Edit(int kind, int which, Vol added, String access) {}

  private Path tmp;

  @BeforeTry
  void folder() throws IOException {
    tmp = Files.createTempDirectory(Path.of("target"), "saved-plan-");
  }

  @AfterTry
  void cleanUp() throws IOException {
    try (var files = Files.walk(tmp)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  @Provide
  Arbitrary<Vol> volumes() {
    Arbitrary<String> stack =
        Arbitraries.of(
            "storage", "luks, storage", "drbd, storage", "drbd, luks, storage", "nvme, storage");
    Arbitrary<String> pool = Arbitraries.of("thick", "thin", "zfs", "zthin");
    Arbitrary<Integer> gib = Arbitraries.integers().between(1, 4);
    Arbitrary<Integer> extra = Arbitraries.integers().between(0, 1);
    Arbitrary<String> node = Arbitraries.of("", "alpha", "beta", "gamma");
    return Combinators.combine(stack, pool, gib, extra, node)
        .as(
            (s, p, g, x, a) -> {
              boolean drbd = s.startsWith("drbd");
              boolean nvme = s.startsWith("nvme");
              return new Vol(s, p, drbd ? 2 + x : 1, g, drbd || (nvme && !a.isEmpty()) ? a : "");
            })
        .filter(v -> !v.stack().startsWith("nvme") || !v.access().isEmpty());
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 9),
            volumes(),
            Arbitraries.of("", "alpha", "beta", "gamma"))
        .as(Edit::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(2);
  }

  @Property(tries = 20)
  void everyStateOfGitConvergesInOneSavedPlanWithoutDataLoss(
      @ForAll("volumes") Vol first, @ForAll("edits") List<Edit> edits) throws IOException {
    Cluster c = new Cluster(tmp).write("cluster.yaml", Cluster.NODES_AND_POOLS);
    Map<String, Vol> vols = new TreeMap<>();
    vols.put("v0", first);
    c.write("v0.yaml", first.yaml("v0"));
    try (Engine e = Engine.open(c.config(1.0), KEYS)) {
      assertEquals(1, PlanRunsAsShownTest.convergeThroughSavedPlans(e, true), "one plan: " + vols);
      int next = 1;
      for (Edit edit : edits) {
        List<String> names = new ArrayList<>(vols.keySet());
        String name = names.isEmpty() ? null : names.get(edit.which() % names.size());
        switch (names.isEmpty() ? 0 : edit.kind()) {
          case 0 -> {
            // one NVMe export at most: a second export on the same node shares its nvmet port,
            // which its create previews but skips (a known gap of the preview, decision 015)
            if (!edit.added().stack().startsWith("nvme")) {
              name = "v" + next++;
              vols.put(name, edit.added());
            }
          }
          case 1 -> {
            Vol v = vols.get(name);
            vols.put(name, new Vol(v.stack(), v.pool(), v.redundancy(), v.gib() + 1, v.access()));
          }
          case 2 -> vols.remove(name);
          default -> {
            // access changes of DRBD volumes only: an NVMe export's update is a known gap of its
            // preview (decision 015)
            Vol v = vols.get(name);
            if (v.stack().startsWith("drbd")) {
              vols.put(name, new Vol(v.stack(), v.pool(), v.redundancy(), v.gib(), edit.access()));
            }
          }
        }
        if (name == null) {
          continue; // an NVMe volume left out of an empty repository
        }
        if (vols.containsKey(name)) {
          c.write(name + ".yaml", vols.get(name).yaml(name));
        } else {
          Files.deleteIfExists(c.manifests.resolve(name + ".yaml"));
        }
        int rounds = PlanRunsAsShownTest.convergeThroughSavedPlans(e, true);
        assertTrue(rounds <= 1, "one plan (none for an edit that changes nothing): " + edit);
      }
    }
  }
}
