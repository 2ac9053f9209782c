package io.strata.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Size;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestLoaderTest {
  static final String SMALL =
      """
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: alpha, labels: {zone: a}}
      spec: {address: 10.0.0.11, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: beta, labels: {zone: b}}
      spec: {address: 10.0.0.12, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: Node
      metadata: {name: gamma, labels: {zone: c}}
      spec: {address: 10.0.0.13, connection: {type: simulated}}
      ---
      apiVersion: strata.io/v1
      kind: StoragePool
      metadata: {name: alpha-ssd}
      spec: {node: alpha, provider: {type: lvm-thin, volumeGroup: vg0, thinPool: thin}}
      ---
      apiVersion: strata.io/v1
      kind: StoragePool
      metadata: {name: beta-ssd}
      spec: {node: beta, provider: {type: lvm-thin, volumeGroup: vg0, thinPool: thin}}
      ---
      apiVersion: strata.io/v1
      kind: ResourceTemplate
      metadata: {name: replicated-encrypted}
      spec:
        layers: [drbd, luks, storage]
        drbd: {protocol: C, autoTiebreaker: true}
        luks: {passphraseRef: env:STRATA_LUKS_KEY}
        placement: {redundancy: 2, spreadAcross: zone}
      ---
      apiVersion: strata.io/v1
      kind: Volume
      metadata: {name: pg-data}
      spec:
        size: 10 GiB
        template: replicated-encrypted
        access: [gamma]            # gamma gets a diskless DRBD client
        deletionPolicy: Retain
      """;

  @Test
  void loadsTheArchitectureExample() {
    LoadResult r = ManifestLoader.loadFiles(Map.of("all.yaml", SMALL));
    if (r instanceof LoadResult.Invalid i) {
      throw new AssertionError(i.render());
    }
    LoadResult.Valid v = assertInstanceOf(LoadResult.Valid.class, r);
    assertEquals(7, v.documents());
    DesiredState s = v.state();
    assertEquals(3, s.nodes().size());
    assertEquals(Size.parse("10GiB"), s.volumes().get("pg-data").size());
    assertEquals(
        java.util.List.of(Layer.DRBD, Layer.LUKS, Layer.STORAGE),
        s.templates().get("replicated-encrypted").layers());
    assertEquals("all.yaml", s.volumes().get("pg-data").metadata().origin().file());
    assertEquals(35, s.volumes().get("pg-data").metadata().origin().line());
  }

  @Test
  void typoScratch() {
    LoadResult r =
        ManifestLoader.loadFiles(
            Map.of(
                "v.yaml",
                """
                apiVersion: strata.io/v2
                kind: Volume
                metadata: {name: Pg}
                spec:
                  sise: 10 GiB
                  template: 3
                  deletionPolicy: retain
                  placement: {redundancy: 0}
                ---
                kind: Volum
                ---
                - a
                """));
    System.out.println(((LoadResult.Invalid) r).render());
  }
}
