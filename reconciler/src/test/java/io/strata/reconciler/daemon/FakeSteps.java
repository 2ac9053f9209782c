package io.strata.reconciler.daemon;

import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import io.strata.reconciler.drift.DriftClass;
import io.strata.reconciler.drift.DriftItem;
import io.strata.reconciler.status.ReplicationState;
import io.strata.reconciler.status.StatusModel;
import io.strata.schema.model.Layer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The cycle steps over a {@link FakeCluster}: manifests are {@code {kind: Volume, name, size}} with
 * size in GiB; the plan creates missing volumes and grows small ones; apply changes the cluster;
 * drift is missing volumes and size mismatches. Behaves like the real thing in the ways the daemon
 * cares about, with state instead of scripts.
 */
final class FakeSteps implements CycleSteps<FakeSteps.Desired, Map<String, Long>> {
  /** Desired volumes and sizes in GiB. */
  record Desired(Map<String, Long> volumes) {}

  final FakeCluster cluster;
  final AtomicInteger plans = new AtomicInteger();

  FakeSteps(FakeCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public Validation<Desired> validate(String commit, Map<String, byte[]> files) {
    Map<String, Long> vols = new TreeMap<>();
    List<ValidationError> errors = new ArrayList<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      String text = new String(f.getValue(), StandardCharsets.UTF_8);
      Object doc;
      try {
        doc = new Load(LoadSettings.builder().build()).loadFromString(text);
      } catch (MarkedYamlEngineException e) {
        int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
        int col = e.getProblemMark().map(m -> m.getColumn() + 1).orElse(1);
        errors.add(new ValidationError(f.getKey(), line, col, "not valid YAML"));
        continue;
      } catch (YamlEngineException e) {
        errors.add(new ValidationError(f.getKey(), 1, 1, "not valid YAML"));
        continue;
      }
      if (!(doc instanceof Map<?, ?> m) || !"Volume".equals(m.get("kind"))) {
        continue;
      }
      if (!(m.get("size") instanceof Number n)) {
        errors.add(
            new ValidationError(
                f.getKey(), lineOf(text, "size:"), 7, "size must be a number of GiB"));
        continue;
      }
      vols.put(String.valueOf(m.get("name")), n.longValue());
    }
    return errors.isEmpty()
        ? new Validation.Valid<>(new Desired(vols))
        : new Validation.Invalid<>(errors);
  }

  private static int lineOf(String text, String needle) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i + 1;
      }
    }
    return 1;
  }

  @Override
  public CycleObservation<Map<String, Long>> observe() {
    cluster.observations.incrementAndGet();
    try {
      CountDownLatch gate = cluster.observeGate;
      if (gate != null) {
        gate.await(30, TimeUnit.SECONDS);
      }
      if (cluster.observeDelayMs > 0) {
        Thread.sleep(cluster.observeDelayMs);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Map<String, Long> v = cluster.volumes();
    StringBuilder json = new StringBuilder("{\"alpha\":{");
    new TreeMap<>(v)
        .forEach((k, s) -> json.append('"').append(k).append("\":").append(s).append(','));
    if (!v.isEmpty()) {
      json.setLength(json.length() - 1);
    }
    json.append("}}\n");
    return new CycleObservation<>(v, json.toString(), Map.of());
  }

  @Override
  public CycleObservation<Map<String, Long>> widen(
      CycleObservation<Map<String, Long>> observed, PlanOutcome plan) {
    return null;
  }

  /** The fake cannot tell what a change touches: it observes everything, and counts the call. */
  @Override
  public CycleObservation<Map<String, Long>> observeChanges(Desired before, Desired after) {
    cluster.changeObservations.incrementAndGet();
    return observe();
  }

  @Override
  public Map<String, String> schedules(Desired desired) {
    return Map.of();
  }

  @Override
  public PlanOutcome plan(PlanRequest<Desired, Map<String, Long>> req) {
    plans.incrementAndGet();
    List<Change> changes = new ArrayList<>();
    StringBuilder md = new StringBuilder("# Plan for " + req.commit() + "\n\n");
    req.desired()
        .volumes()
        .forEach(
            (vol, size) -> {
              Long have = req.observed().state().get(vol);
              Action a = have == null ? Action.CREATE : have < size ? Action.RESIZE : null;
              if (a != null) {
                changes.add(
                    new Change(
                        vol + "/alpha/storage",
                        a,
                        Layer.STORAGE,
                        "alpha",
                        vol,
                        "vg0/" + vol,
                        null,
                        List.of(),
                        "size " + size + " GiB",
                        null));
                md.append("- ").append(a.jsonName()).append(' ').append(vol).append('\n');
              }
            });
    if (changes.isEmpty()) {
      md.append("No changes.\n");
    }
    // as the planner does: the changes of volumes backing off wait, a refusal says so
    List<Refusal> refused = new ArrayList<>();
    changes.stream()
        .map(Change::volume)
        .filter(req.backedOff()::contains)
        .distinct()
        .forEach(v -> refused.add(new Refusal(v, null, "backing off", Refusal.Kind.BACKOFF)));
    changes.removeIf(c -> req.backedOff().contains(c.volume()));
    return new PlanOutcome(
        new Plan(req.commit(), "sha256:fake", changes, refused, List.of()), md.toString());
  }

  @Override
  public ApplySummary apply(PlanOutcome p) {
    cluster.applyStarted.countDown();
    List<ApplySummary.ChangeResult> out = new ArrayList<>();
    for (Change c : p.plan().changes()) {
      cluster.applyAttempts.computeIfAbsent(c.volume(), k -> new AtomicInteger()).incrementAndGet();
      if (cluster.applyDelayMs > 0) {
        try {
          Thread.sleep(cluster.applyDelayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (cluster.failing.contains(c.volume())) {
        out.add(
            new ApplySummary.ChangeResult(
                c.id(),
                c.volume(),
                c.action(),
                ApplySummary.Outcome.FAILED,
                "lvcreate: Volume group \"vg0\" has insufficient free space"));
        continue;
      }
      long size = Long.parseLong(c.reason().replaceAll("\\D", ""));
      cluster.put(c.volume(), size);
      out.add(
          new ApplySummary.ChangeResult(
              c.id(), c.volume(), c.action(), ApplySummary.Outcome.APPLIED, null));
    }
    return new ApplySummary(out);
  }

  @Override
  public StatusModel status(Desired desired, CycleObservation<Map<String, Long>> observed) {
    List<StatusModel.VolumeFacts> vols = new ArrayList<>();
    Map<String, String> devices = new TreeMap<>();
    if (desired != null) {
      desired
          .volumes()
          .forEach(
              (vol, size) -> {
                Long have = observed.state().get(vol);
                boolean ready = have != null && have >= size;
                List<StatusModel.ReplicaFacts> replicas = new ArrayList<>();
                if (have != null) {
                  replicas.add(
                      new StatusModel.ReplicaFacts(
                          "alpha",
                          true,
                          "vg0",
                          "/dev/vg0/" + vol,
                          ReplicationState.NOT_REPLICATED,
                          null));
                  devices.put(vol, "/dev/vg0/" + vol);
                }
                vols.add(
                    new StatusModel.VolumeFacts(
                        vol,
                        ready,
                        ready ? "" : "volume missing on alpha",
                        size << 30,
                        have == null ? null : have << 30,
                        replicas));
              });
    }
    StatusModel.NodeFacts alpha =
        new StatusModel.NodeFacts(
            "alpha",
            true,
            null,
            Map.of("vg0", new StatusModel.PoolFacts(100L << 30, 50L << 30)),
            devices);
    return new StatusModel(vols, List.of(alpha));
  }

  @Override
  public DriftReport drift(Desired desired, CycleObservation<Map<String, Long>> observed) {
    List<DriftItem> out = new ArrayList<>();
    desired
        .volumes()
        .forEach(
            (vol, size) -> {
              Long have = observed.state().get(vol);
              if (have == null) {
                out.add(
                    new DriftItem(
                        vol,
                        "alpha",
                        "storage",
                        DriftClass.MISSING,
                        "vg0/" + vol,
                        "logical volume vg0/" + vol + " is missing"));
              } else if (!have.equals(size)) {
                out.add(
                    new DriftItem(
                        vol,
                        "alpha",
                        "storage",
                        have > size ? DriftClass.RESIZED : DriftClass.CONFIG,
                        "vg0/" + vol,
                        "size " + have + " GiB, Git says " + size + " GiB"));
              }
            });
    return new DriftReport(out);
  }
}
