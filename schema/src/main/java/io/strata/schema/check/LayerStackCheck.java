package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ResourceTemplate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Layer stacks that make sense (ARCHITECTURE.md §8, as in LINSTOR): not empty, every stack ends in
 * storage, drbd sits on nvme, luks or storage; nvme on luks or storage; luks only on storage; no
 * layer twice.
 */
public final class LayerStackCheck implements Check {
  private static final Map<Layer, Set<Layer>> MAY_SIT_ON =
      Map.of(
          Layer.DRBD, EnumSet.of(Layer.NVME, Layer.LUKS, Layer.STORAGE),
          Layer.NVME, EnumSet.of(Layer.LUKS, Layer.STORAGE),
          Layer.LUKS, EnumSet.of(Layer.STORAGE),
          Layer.STORAGE, EnumSet.noneOf(Layer.class));

  @Override
  public List<Diagnostic> check(ManifestSet m) {
    List<Diagnostic> out = new ArrayList<>();
    for (Manifest<ResourceTemplate> t : m.templates()) {
      check(t, out);
    }
    return out;
  }

  private static void check(Manifest<ResourceTemplate> t, List<Diagnostic> out) {
    List<Layer> layers = t.model().layers();
    String stack = stack(layers);
    if (layers.isEmpty()) {
      out.add(
          Diagnostic.at(
              t.valueAt("/spec/layers"),
              "the layer stack is empty",
              "list the layers top-down, ending in storage, e.g. [drbd, storage] or [storage]"));
      return;
    }
    Set<Layer> seen = EnumSet.noneOf(Layer.class);
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      if (!seen.add(l)) {
        out.add(
            Diagnostic.at(
                t.valueAt("/spec/layers/" + i),
                "layer '" + l.yamlName() + "' appears twice in " + stack,
                "each layer may appear only once; remove the repeated one"));
        return;
      }
    }
    int last = layers.size() - 1;
    if (layers.get(last) != Layer.STORAGE) {
      boolean hasStorage = layers.contains(Layer.STORAGE);
      out.add(
          Diagnostic.at(
              t.valueAt("/spec/layers/" + (hasStorage ? layers.indexOf(Layer.STORAGE) : last)),
              hasStorage
                  ? "storage must be the last (bottom) layer in " + stack
                  : "layer stack " + stack + " does not end in storage",
              hasStorage
                  ? "stacks are written top-down; move storage to the end"
                  : "add storage as the last layer, e.g. " + stack(withStorage(layers))));
      return;
    }
    for (int i = 0; i < last; i++) {
      Layer upper = layers.get(i);
      Layer lower = layers.get(i + 1);
      if (!MAY_SIT_ON.get(upper).contains(lower)) {
        out.add(
            Diagnostic.at(
                t.valueAt("/spec/layers/" + (i + 1)),
                "layer '"
                    + upper.yamlName()
                    + "' cannot sit on '"
                    + lower.yamlName()
                    + "' in "
                    + stack,
                upper.yamlName()
                    + " may sit on "
                    + names(MAY_SIT_ON.get(upper))
                    + "; stacks are top-down, e.g. [drbd, luks, storage] or [nvme, storage]"));
        return;
      }
    }
  }

  private static List<Layer> withStorage(List<Layer> layers) {
    List<Layer> l = new ArrayList<>(layers);
    l.add(Layer.STORAGE);
    return l;
  }

  static String stack(List<Layer> layers) {
    return "[" + String.join(", ", layers.stream().map(Layer::yamlName).toList()) + "]";
  }

  private static String names(Set<Layer> layers) {
    return String.join(" or ", layers.stream().map(Layer::yamlName).toList());
  }
}
