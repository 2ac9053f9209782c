package io.strata.executors.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Metadata;
import io.strata.schema.model.Node;
import io.strata.schema.model.Origin;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.StoragePool;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeInventoryTest {
  static StoragePool pool(
      String name,
      String node,
      Map<String, String> sel,
      ProviderType t,
      String vg,
      String thin,
      String zp) {
    return new StoragePool(
        Metadata.named(name), node, sel, new StoragePool.Provider(t, vg, thin, zp), 1.0);
  }

  @Test
  void poolsByNodeOrSelectorAndLayersOfAllTemplates() {
    Node alpha =
        new Node(
            new Metadata("alpha", Map.of("zone", "a"), Origin.UNKNOWN),
            "10.0.0.1",
            Node.Connection.simulated(),
            false);
    DesiredState d =
        DesiredState.of(
            List.of(alpha),
            List.of(
                pool("a-thin", "alpha", null, ProviderType.LVM_THIN, "vg0", "thin", null),
                pool("a-thick", "alpha", null, ProviderType.LVM, "vg1", null, null),
                pool("zone-a", null, Map.of("zone", "a"), ProviderType.ZFS, null, null, "tank"),
                pool("zone-b", null, Map.of("zone", "b"), ProviderType.ZFS, null, null, "other"),
                pool("b", "bravo", null, ProviderType.LVM, "vg9", null, null)),
            templatesUsing(List.of(Layer.DRBD, Layer.STORAGE), List.of(Layer.LUKS, Layer.STORAGE)),
            List.of(),
            List.of());
    NodeInventory inv = NodeInventory.of(d, alpha);
    assertEquals(List.of("vg0", "vg1"), inv.volumeGroups());
    assertEquals(List.of("vg0/thin"), inv.thinPools());
    assertEquals(List.of("tank"), inv.zpools());
    assertEquals(Set.of(Layer.DRBD, Layer.LUKS), inv.layers());
  }

  static List<ResourceTemplate> templatesUsing(List<Layer> a, List<Layer> b) {
    return List.of(template("t1", a), template("t2", b));
  }

  static ResourceTemplate template(String name, List<Layer> layers) {
    return new ResourceTemplate(Metadata.named(name), layers, null, null, null, null);
  }
}
