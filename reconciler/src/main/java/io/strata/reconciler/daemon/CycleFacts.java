package io.strata.reconciler.daemon;

import io.strata.reconciler.schedule.Backoff;
import io.strata.reconciler.status.StatusModel;
import io.strata.reconciler.status.StatusSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one cycle learned, as plain data for {@link StatusComposer}. {@code plan} is the plan
 * as applied (without backed-off volumes), null when no plan was made; {@code pendingVolumes} are
 * volumes with changes that were planned but not applied this cycle (plan-only, guard, backoff).
 * {@code scheduledVolumes}: volumes with a snapshot schedule; {@code missedSchedules}: those whose
 * schedule missed fires this cycle, with the message (decision 028).
 */
public record CycleFacts(
    StatusSnapshot.Commits commits,
    StatusModel model,
    Map<String, Integer> pendingVolumes,
    String pendingReason,
    Map<String, String> failedVolumes,
    Map<String, Backoff.Entry> backingOff,
    Map<String, String> refusedVolumes,
    List<String> validationErrors,
    String guardRefusal,
    String lastError,
    DriftReport drift,
    String observedJson,
    String planMarkdown,
    Set<String> scheduledVolumes,
    Map<String, String> missedSchedules) {
  public CycleFacts {
    scheduledVolumes = Set.copyOf(scheduledVolumes);
    missedSchedules = Map.copyOf(missedSchedules);
    pendingVolumes = Map.copyOf(pendingVolumes);
    failedVolumes = Map.copyOf(failedVolumes);
    backingOff = Map.copyOf(backingOff);
    refusedVolumes = Map.copyOf(refusedVolumes);
    validationErrors = List.copyOf(validationErrors);
  }
}
