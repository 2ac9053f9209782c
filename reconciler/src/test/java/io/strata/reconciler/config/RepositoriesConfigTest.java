package io.strata.reconciler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code repositories:} (issue 13): several manifest repositories, {@code git:} their defaults. */
class RepositoriesConfigTest {
  private static final Path BASE = Path.of("/srv/strata");

  private static final String TWO =
      """
      git: {branch: prod, statusBranch: ops/status, pollInterval: 1m}
      reconcile: {driftInterval: 10m}
      simulation: {stateDir: sim}
      repositories:
        - {name: east, url: /git/east.git, path: manifests}
        - name: west
          url: /git/west.git
          branch: main
          statusBranch: strata/status
          pollInterval: 5s
          driftInterval: 1m
      """;

  @Test
  void eachRepositoryTakesUnsetFieldsFromGit() {
    StrataConfig c = ConfigLoader.parse("s.yaml", TWO, BASE);
    assertEquals(List.of("east", "west"), c.repositories().stream().map(r -> r.name()).toList());
    StrataConfig east = c.repository("east");
    assertEquals("/git/east.git", east.git().url());
    assertEquals("prod", east.git().branch());
    assertEquals("manifests", east.git().path());
    assertEquals("ops/status", east.git().statusBranch());
    assertEquals(Duration.ofMinutes(1), east.git().pollInterval());
    assertEquals(Duration.ofMinutes(10), east.reconcile().driftInterval());
    StrataConfig west = c.repository("west");
    assertEquals("main", west.git().branch());
    assertEquals("strata/status", west.git().statusBranch());
    assertEquals(Duration.ofSeconds(5), west.git().pollInterval());
    assertEquals(Duration.ofMinutes(1), west.reconcile().driftInterval());
  }

  @Test
  void eachRepositoryHasItsOwnSimulatedCluster() {
    StrataConfig c = ConfigLoader.parse("s.yaml", TWO, BASE);
    assertEquals(BASE.resolve("sim/east"), c.repository("east").simulation().stateDir());
    assertEquals(BASE.resolve("sim/west"), c.repository("west").simulation().stateDir());
    assertTrue(c.repository("east").repositories().isEmpty());
    StrataConfig memory =
        ConfigLoader.parse(
            "s.yaml", "simulation: {stateDir: memory}\nrepositories: [{name: a, url: x}]", BASE);
    assertNull(memory.repository(null).simulation().stateDir());
  }

  @Test
  void theSingleGitFormIsUnchanged() {
    StrataConfig c = ConfigLoader.parse("s.yaml", "git: {url: /git/one.git}", BASE);
    assertTrue(c.repositories().isEmpty());
    assertSame(c, c.repository(null));
    ConfigException e = assertThrows(ConfigException.class, () -> c.repository("east"));
    assertTrue(e.getMessage().contains("no repositories: list"), e.getMessage());
  }

  @Test
  void choosingARepositoryIsExplicitWhenThereAreSeveral() {
    StrataConfig c = ConfigLoader.parse("s.yaml", TWO, BASE);
    ConfigException none = assertThrows(ConfigException.class, () -> c.repository(null));
    assertTrue(none.getMessage().contains("east, west"), none.getMessage());
    assertTrue(none.getMessage().contains("--repository NAME"), none.getMessage());
    ConfigException wrong = assertThrows(ConfigException.class, () -> c.repository("north"));
    assertTrue(wrong.getMessage().contains("known: east, west"), wrong.getMessage());
  }

  @Test
  void badEntriesAreRefusedWithTheirPlace() {
    String[][] cases = {
      {"repositories: [{url: x}]", "repositories[0].name: is required"},
      {"repositories: [{name: East, url: x}]", "repositories[0].name"},
      {"repositories: [{name: a, url: x}, {name: a, url: y}]", "'a' is used by two"},
      {"repositories: [{name: a, url: x}, {name: b, url: x}]", "same manifests as repository 'a'"},
      {"repositories: [{name: a, url: x, pollIntervall: 1s}]", "repositories[0].pollIntervall"},
      {"repositories: [{name: a, url: x, verify: {mode: pgp}}]", "repositories[0].verify.mode"},
      {"repositories: {name: a}", "repositories: must be a list"},
    };
    for (String[] c : cases) {
      ConfigException e =
          assertThrows(ConfigException.class, () -> ConfigLoader.parse("s.yaml", c[0], BASE), c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + " → " + e.getMessage());
    }
  }
}
