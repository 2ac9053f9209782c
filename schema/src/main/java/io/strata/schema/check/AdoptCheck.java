package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code adopt} takes an existing device as it is: only stacks that write nothing onto it ({@code
 * [storage]}, {@code [nvme, storage]}; luks and drbd would format it), one replica, on a Node in
 * Git (docs/decisions/022).
 */
public final class AdoptCheck implements Check {
  @Override
  public List<Diagnostic> check(ManifestSet m) {
    List<Diagnostic> out = new ArrayList<>();
    for (Manifest<Volume> v : m.volumes()) {
      Volume vol = v.model();
      if (vol.adopt() == null) {
        continue;
      }
      if (m.nodes().stream().noneMatch(n -> n.model().name().equals(vol.adopt().node()))) {
        out.add(
            Diagnostic.at(
                v.at("/spec/adopt/node"),
                "adopt.node '" + vol.adopt().node() + "' is not a Node in this repository",
                "add the Node, or name the node that holds the device"));
      }
      Optional<ResourceTemplate> t =
          m.templates().stream()
              .map(Manifest::model)
              .filter(x -> x.name().equals(vol.template()))
              .findFirst();
      if (t.isEmpty()) {
        continue; // ReferenceCheck reports it
      }
      if (t.get().has(Layer.LUKS) || t.get().has(Layer.DRBD)) {
        out.add(
            Diagnostic.at(
                v.at("/spec/adopt"),
                "volume '"
                    + vol.name()
                    + "' adopts an existing device, but its stack "
                    + LayerStackCheck.stack(t.get().layers())
                    + " would write LUKS or DRBD metadata onto it",
                "adopt with a template whose layers are [storage] or [nvme, storage]; add"
                    + " replication by copying the data into a new volume"));
      }
      int redundancy = t.get().placement().overriddenBy(vol.placement()).effectiveRedundancy();
      if (redundancy != 1) {
        out.add(
            Diagnostic.at(
                v.at("/spec/adopt"),
                "volume '"
                    + vol.name()
                    + "' adopts one device but asks for redundancy "
                    + redundancy,
                "set placement.redundancy: 1 on the volume"));
      }
    }
    return out;
  }
}
