package io.strata.executors.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MapHostProviderTest {
  @Test
  void mapsNodeNamesToHosts() {
    LocalHost a = new LocalHost("alpha");
    LocalHost b = new LocalHost("beta");
    HostProvider p = MapHostProvider.of(List.of(b, a));
    assertSame(a, p.host("alpha"));
    assertEquals(Set.of("alpha", "beta"), p.nodes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.host("x"));
    assertTrue(e.getMessage().contains("no host for node x (known: [alpha, beta])"));
    assertThrows(
        IllegalArgumentException.class,
        () -> MapHostProvider.of(List.of(a, new LocalHost("alpha"))));
  }
}
