package io.strata.executors.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.schema.model.Metadata;
import io.strata.schema.model.Node;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeHostsTest {
  private static Node node(String name, Node.Connection c) {
    return new Node(Metadata.named(name), "10.0.0.1", c, false);
  }

  @Test
  void picksTheHostPerConnectionType() {
    LocalHost fakeSim = new LocalHost("sim1");
    HostProvider p =
        NodeHosts.of(
            List.of(
                node(
                    "local1",
                    new Node.Connection(Node.Connection.Type.LOCAL, null, 22, null, false)),
                node("sim1", Node.Connection.simulated())),
            null,
            null,
            n -> fakeSim);
    assertEquals(Set.of("local1", "sim1"), p.nodes());
    assertInstanceOf(LocalHost.class, p.host("local1"));
    assertSame(fakeSim, p.host("sim1"));
  }

  @Test
  void sshNodeWithoutKeyIsAClearError() {
    Node ssh =
        node(
            "alpha",
            new Node.Connection(Node.Connection.Type.SSH, "root", 22, "ssh-rsa AAAA", false));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> NodeHosts.of(List.of(ssh), null, null, null));
    assertEquals(
        "node alpha is reached by SSH but no ssh private key (strata.yaml) is configured",
        e.getMessage());
  }
}
