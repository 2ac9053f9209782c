package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code access} nodes see the device through a diskless DRBD client or an NVMe-oF initiator, so
 * the volume's stack needs drbd or nvme — unless every access node is pinned to hold a replica
 * ({@code placement.nodes}), where the local device is enough.
 */
public final class AccessCheck implements Check {
  @Override
  public List<Diagnostic> check(ManifestSet m) {
    List<Diagnostic> out = new ArrayList<>();
    for (Manifest<Volume> v : m.volumes()) {
      Volume vol = v.model();
      if (vol.access().isEmpty()) {
        continue;
      }
      Optional<ResourceTemplate> t =
          m.templates().stream()
              .map(Manifest::model)
              .filter(x -> x.name().equals(vol.template()))
              .findFirst();
      if (t.isEmpty() || t.get().has(Layer.DRBD) || t.get().has(Layer.NVME)) {
        continue;
      }
      List<String> pinned = t.get().placement().overriddenBy(vol.placement()).nodes();
      List<String> unreachable = vol.access().stream().filter(n -> !pinned.contains(n)).toList();
      if (!unreachable.isEmpty()) {
        out.add(
            Diagnostic.at(
                v.at("/spec/access"),
                "access "
                    + unreachable
                    + " cannot reach volume '"
                    + vol.name()
                    + "': its stack "
                    + LayerStackCheck.stack(t.get().layers())
                    + " has no drbd or nvme layer",
                "use a template with drbd (diskless client) or nvme (initiator), or pin those"
                    + " nodes in placement.nodes"));
      }
    }
    return out;
  }
}
