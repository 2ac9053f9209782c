package io.strata.schema.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.schema.model.Node;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** issue 9 item 2: SSH may reach a node elsewhere than its DRBD/NVMe data address. */
class NodeConnectionTest {
  private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPinnedKeyForTests00000";

  private static String node(String name, String address, String connection) {
    return "apiVersion: strata.io/v1\nkind: Node\nmetadata: {name: "
        + name
        + "}\nspec: {address: "
        + address
        + ", connection: "
        + connection
        + "}\n";
  }

  @Test
  void sshHostAndPortAreSeparateFromTheDataAddress() {
    LoadResult r =
        ManifestLoader.loadFiles(
            Map.of(
                "n.yaml",
                node(
                        "vm1",
                        "10.99.0.11",
                        "{type: ssh, host: 127.0.0.1, port: 22001, hostKey: '" + KEY + "'}")
                    + "---\n"
                    + node(
                        "vm2",
                        "10.99.0.12",
                        "{type: ssh, host: 127.0.0.1, port: 22002, hostKey: '" + KEY + "'}")));
    if (r instanceof LoadResult.Invalid i) {
      throw new AssertionError(i.render());
    }
    Node vm1 = assertInstanceOf(LoadResult.Valid.class, r).state().nodes().get("vm1");
    assertEquals("10.99.0.11", vm1.address());
    assertEquals("127.0.0.1", vm1.connection().host());
    assertEquals("127.0.0.1", vm1.sshHost());
    assertEquals(22001, vm1.connection().port());
  }

  @Test
  void withoutHostSshUsesTheAddress() {
    LoadResult r =
        ManifestLoader.loadFiles(
            Map.of("n.yaml", node("vm1", "10.99.0.11", "{type: ssh, hostKey: '" + KEY + "'}")));
    Node vm1 = assertInstanceOf(LoadResult.Valid.class, r).state().nodes().get("vm1");
    assertNull(vm1.connection().host());
    assertEquals("10.99.0.11", vm1.sshHost());
  }

  @Test
  void hostIsSshOnlyAndMustBeAnAddress() {
    LoadResult r =
        ManifestLoader.loadFiles(
            Map.of(
                "n.yaml",
                node("vm1", "10.99.0.11", "{type: simulated, host: 127.0.0.1}")
                    + "---\n"
                    + node(
                        "vm2",
                        "10.99.0.12",
                        "{type: ssh, host: 'bad host!', hostKey: '" + KEY + "'}")));
    String errors = assertInstanceOf(LoadResult.Invalid.class, r).render();
    assertTrue(errors.contains("connection field 'host' applies only to type ssh"), errors);
    assertTrue(errors.contains("connection.host 'bad host!' is not an IPv4"), errors);
  }

  /** issue 9 item 5: a small-memory node gets a cheaper key derivation from its template. */
  @Test
  void luksPbkdfIsATemplateOption() {
    String files =
        node("vm1", "10.99.0.11", "{type: simulated}")
            + """
            ---
            apiVersion: strata.io/v1
            kind: StoragePool
            metadata: {name: vm1-vg}
            spec: {node: vm1, provider: {type: lvm, volumeGroup: vg0}}
            ---
            apiVersion: strata.io/v1
            kind: ResourceTemplate
            metadata: {name: small}
            spec:
              layers: [luks, storage]
              luks: {passphraseRef: env:KEY, pbkdf: {type: argon2id, memory: 64 MiB, time: 200}}
            ---
            apiVersion: strata.io/v1
            kind: ResourceTemplate
            metadata: {name: default}
            spec:
              layers: [luks, storage]
              luks: {passphraseRef: env:KEY}
            """;
    LoadResult r = ManifestLoader.loadFiles(Map.of("all.yaml", files));
    if (r instanceof LoadResult.Invalid i) {
      throw new AssertionError(i.render());
    }
    var templates = assertInstanceOf(LoadResult.Valid.class, r).state().templates();
    assertEquals(
        new io.strata.schema.model.ResourceTemplate.Pbkdf("argon2id", 65536L, 200, null),
        templates.get("small").luks().pbkdf());
    assertNull(templates.get("default").luks().pbkdf());
  }
}
