package io.strata.reconciler.status;

import java.util.List;

/**
 * Everything one cycle reports, ready to render: the reconciler's own status, per volume and node
 * documents, the observed snapshot as JSON and the last plan as Markdown. Condition times may be
 * {@code null}: the writer fills them in from the previous status commit.
 */
public record StatusSnapshot(
    ReconcilerStatus reconciler,
    List<VolumeStatus> volumes,
    List<NodeStatus> nodes,
    String observedJson,
    String lastPlanMarkdown) {
  public StatusSnapshot {
    volumes = List.copyOf(volumes);
    nodes = List.copyOf(nodes);
  }

  /** This snapshot without {@code observed.json} (the writer has its blob already). */
  StatusSnapshot withoutObservedJson() {
    return new StatusSnapshot(reconciler, volumes, nodes, null, lastPlanMarkdown);
  }

  /** The three commits of the Flux convention; each may be {@code null} before the first. */
  public record Commits(
      String observedCommit, String lastAppliedCommit, String lastAttemptedCommit) {}

  /**
   * The repository-level status ({@code status/reconciler.yaml}): the commits, conditions, and the
   * validation errors ({@code file:line:col: message}) of the last attempted commit, if invalid.
   */
  public record ReconcilerStatus(
      Commits commits,
      List<Condition> conditions,
      List<String> validationErrors,
      String lastError) {
    public ReconcilerStatus {
      conditions = List.copyOf(conditions);
      validationErrors = List.copyOf(validationErrors);
    }
  }

  /** One volume's document. */
  public record VolumeStatus(
      StatusModel.VolumeFacts facts,
      Commits commits,
      List<Condition> conditions,
      String lastError) {
    public VolumeStatus {
      conditions = List.copyOf(conditions);
    }
  }

  /** One node's document. */
  public record NodeStatus(
      StatusModel.NodeFacts facts, Commits commits, List<Condition> conditions) {
    public NodeStatus {
      conditions = List.copyOf(conditions);
    }
  }
}
