package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Snapshot;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code source} (docs/decisions/027): a volume restored or cloned from a snapshot or volume of a
 * stack Strata can copy as it is — no {@code drbd} (its internal metadata names the source's
 * replicas) and no {@code luks} on either side (the copied header would be opened with another
 * volume's key); one replica; never smaller than the source; not adopted at the same time; not its
 * own source. That the reference exists is {@link ReferenceCheck}'s.
 */
public final class SourceCheck implements Check {
  @Override
  public List<Diagnostic> check(ManifestSet m) {
    List<Diagnostic> out = new ArrayList<>();
    for (Manifest<Volume> v : m.volumes()) {
      Volume vol = v.model();
      Volume.Source src = vol.source();
      if (src == null) {
        continue;
      }
      if (vol.adopt() != null) {
        out.add(
            Diagnostic.at(
                v.at("/spec/source"),
                "volume '" + vol.name() + "' has both adopt and source",
                "adopt an existing device or create the volume from a source, not both"));
      }
      Optional<Volume> origin = originVolume(m, src);
      if (origin.isPresent() && origin.get().name().equals(vol.name())) {
        out.add(
            Diagnostic.at(
                v.at("/spec/source"),
                "volume '" + vol.name() + "' is its own source",
                "name another volume, or a Snapshot of this one in a new Volume"));
        continue;
      }
      stack(m, v, vol.template(), "its stack", out);
      origin.ifPresent(
          o -> stack(m, v, o.template(), "the stack of source volume " + o.name(), out));
      template(m, vol.template())
          .map(t -> t.placement().overriddenBy(vol.placement()).effectiveRedundancy())
          .filter(r -> r != 1)
          .ifPresent(
              r ->
                  out.add(
                      Diagnostic.at(
                          v.at("/spec/source"),
                          "volume '"
                              + vol.name()
                              + "' is created from "
                              + src.describe()
                              + " but asks for redundancy "
                              + r,
                          "set placement.redundancy: 1 on the volume (the copy is made where the"
                              + " source is)")));
      if (origin.isPresent()
          && vol.size() != null
          && origin.get().size() != null
          && vol.size().bytes() < origin.get().size().bytes()) {
        out.add(
            Diagnostic.at(
                v.valueAt("/spec/size"),
                "volume '"
                    + vol.name()
                    + "' ("
                    + vol.size()
                    + ") is smaller than its source "
                    + origin.get().name()
                    + " ("
                    + origin.get().size()
                    + ")",
                "give it at least the source's size; a larger size is grown after the copy"));
      }
    }
    return out;
  }

  /** The volume whose data the source holds: the snapshot's volume, or the volume itself. */
  private static Optional<Volume> originVolume(ManifestSet m, Volume.Source src) {
    String name =
        src.fromSnapshot()
            ? m.snapshots().stream()
                .map(Manifest::model)
                .filter(s -> s.name().equals(src.snapshot()))
                .map(Snapshot::volume)
                .findFirst()
                .orElse(null)
            : src.volume();
    return m.volumes().stream().map(Manifest::model).filter(x -> x.name().equals(name)).findFirst();
  }

  private static Optional<ResourceTemplate> template(ManifestSet m, String name) {
    return m.templates().stream()
        .map(Manifest::model)
        .filter(x -> x.name().equals(name))
        .findFirst();
  }

  private static void stack(
      ManifestSet m, Manifest<Volume> v, String template, String whose, List<Diagnostic> out) {
    Optional<ResourceTemplate> t = template(m, template);
    if (t.isEmpty() || !(t.get().has(Layer.DRBD) || t.get().has(Layer.LUKS))) {
      return; // a missing template is ReferenceCheck's
    }
    out.add(
        Diagnostic.at(
            v.at("/spec/source"),
            "volume '"
                + v.model().name()
                + "' is created from "
                + v.model().source().describe()
                + ", but "
                + whose
                + " "
                + LayerStackCheck.stack(t.get().layers())
                + " has "
                + (t.get().has(Layer.DRBD) ? "drbd" : "luks")
                + ", which Strata does not clone",
            "restore and clone work on [storage] and [nvme, storage] volumes (docs/manifests.md,"
                + " Volume.spec.source)"));
  }
}
