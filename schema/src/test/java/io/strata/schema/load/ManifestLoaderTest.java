package io.strata.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Size;
import java.util.List;
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
        List.of(Layer.DRBD, Layer.LUKS, Layer.STORAGE),
        s.templates().get("replicated-encrypted").layers());
    assertEquals("all.yaml", s.volumes().get("pg-data").metadata().origin().file());
    assertEquals(35, s.volumes().get("pg-data").metadata().origin().line());
  }

  @Test
  void reportsEveryErrorOfEveryDocumentAtOnceSorted() {
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
                  template: replicated
                ---
                kind: Volum
                ---
                - a
                """,
                "a.yaml",
                "kind: Snapshot\n"));
    LoadResult.Invalid i = assertInstanceOf(LoadResult.Invalid.class, r);
    assertEquals(
        """
        a.yaml:1:1: missing apiVersion — add 'apiVersion: strata.io/v1'
        a.yaml:1:1: missing required field 'metadata' — add 'metadata:'
        a.yaml:1:1: missing required field 'spec' — add 'spec:'
        v.yaml:1:13: apiVersion 'strata.io/v2' is not supported — use apiVersion: strata.io/v1
        v.yaml:3:18: metadata.name 'Pg' is not a valid name — use 1–47 lowercase letters, digits \
        and '-', starting with a letter
        v.yaml:5:3: unknown field 'sise' in spec — did you mean 'size'?
        v.yaml:8:1: missing apiVersion — add 'apiVersion: strata.io/v1'
        v.yaml:8:7: unknown kind 'Volum' — did you mean 'Volume'?
        v.yaml:10:1: document is a list, not a mapping — a manifest is a mapping with apiVersion, \
        kind, metadata and spec
        """,
        i.render());
    assertEquals("did you mean 'size'?", i.errors().get(5).hint());
  }

  @Test
  void emptyDocumentsAndNonManifestFilesAreSkipped() {
    LoadResult r =
        ManifestLoader.loadFiles(
            Map.of(
                "empty.yaml", "---\n---\n# nothing\n",
                "README.md", "not yaml",
                "status/volumes/x.yaml", "garbage: [",
                ".github/workflows/ci.yml", "on: push",
                "strata.yaml", "git: {url: .}"));
    LoadResult.Valid v = assertInstanceOf(LoadResult.Valid.class, r);
    assertEquals(0, v.documents());
    assertEquals(DesiredState.empty(), v.state());
  }

  @Test
  void aTemplateNobodyUsesIsNotHeldToTodaysNodes() {
    String wide =
        SMALL.replace(
                "placement: {redundancy: 2, spreadAcross: zone}", "placement: {redundancy: 2}")
            + """
            ---
            apiVersion: strata.io/v1
            kind: ResourceTemplate
            metadata: {name: five-way}
            spec: {layers: [drbd, storage], placement: {redundancy: 5}}
            """;
    assertInstanceOf(LoadResult.Valid.class, ManifestLoader.loadFiles(Map.of("all.yaml", wide)));
    String used =
        wide
            + """
            ---
            apiVersion: strata.io/v1
            kind: Volume
            metadata: {name: wide}
            spec: {size: 1 GiB, template: five-way}
            """;
    LoadResult.Invalid i =
        assertInstanceOf(
            LoadResult.Invalid.class, ManifestLoader.loadFiles(Map.of("all.yaml", used)));
    assertEquals(1, i.errors().size());
    assertEquals(
        "redundancy 5 needs 5 nodes that can hold a replica, found 2 (alpha, beta); gamma: no"
            + " storage pool",
        i.errors().get(0).message().substring(0, i.errors().get(0).message().indexOf(" — ")));
  }
}
