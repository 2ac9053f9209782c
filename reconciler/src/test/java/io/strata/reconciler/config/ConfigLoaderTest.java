package io.strata.reconciler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.policy.Policy;
import io.strata.schema.model.Size;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final Path BASE = Path.of("/srv/strata");

  @Test
  void everyFieldHasADefault() {
    StrataConfig c = ConfigLoader.defaults(BASE);
    assertEquals(".", c.git().url());
    assertEquals("main", c.git().branch());
    assertEquals("strata/status", c.git().statusBranch());
    assertEquals(Duration.ofSeconds(30), c.git().pollInterval());
    assertEquals(StrataConfig.Mode.APPLY, c.reconcile().mode());
    assertEquals(Policy.Heal.SAFE, c.reconcile().heal());
    assertEquals(0.10, c.reconcile().maxDestroyFraction());
    assertEquals(Duration.ofSeconds(30), c.reconcile().probeTimeout());
    assertEquals("127.0.0.1", c.http().bind());
    assertEquals(Path.of("/srv/strata"), c.localManifestRoot());
    assertEquals(Path.of("/srv/strata/.strata/sim"), c.simulation().stateDir());
  }

  @Test
  void simulationStateDirMemoryKeepsTheClusterInTheProcess() {
    StrataConfig c = ConfigLoader.parse("s.yaml", "simulation: {stateDir: memory}", BASE);
    assertEquals(null, c.simulation().stateDir());
  }

  @Test
  void readsTheArchitectureExample() {
    StrataConfig c = ConfigLoader.parse("strata.yaml", ConfigSamples.FULL, BASE);
    assertEquals(Path.of("/srv/strata/manifests"), c.localManifestRoot());
    assertEquals(StrataConfig.Mode.PLAN_ONLY, c.reconcile().mode());
    assertTrue(c.reconcile().prune());
    assertEquals(2, c.reconcile().perNodeParallelism());
    assertEquals(Duration.ofSeconds(10), c.reconcile().probeTimeout());
    assertEquals(Duration.ofMillis(5), c.simulation().latency());
    assertEquals(Path.of("/srv/strata/.strata/sim"), c.simulation().stateDir());
    assertEquals(100 * Size.GIB, c.simulation().nodes().get("alpha").volumeGroups().get("vg0"));
    assertEquals(80 * Size.GIB, c.simulation().nodes().get("alpha").thinPools().get("vg0/thin"));
    assertEquals(2, c.alerts().size());
  }

  @Test
  void refusesUnknownSettingsWithThePath() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("strata.yaml", "git: {pollIntervall: 30s}", BASE));
    assertTrue(e.getMessage().startsWith("strata.yaml: git.pollIntervall: unknown setting"));
  }

  @Test
  void refusesBadValues() {
    assertThrows(
        ConfigException.class,
        () -> ConfigLoader.parse("s.yaml", "reconcile: {heal: sometimes}", BASE));
    assertThrows(
        ConfigException.class,
        () -> ConfigLoader.parse("s.yaml", "reconcile: {maxDestroyFraction: 3}", BASE));
    assertThrows(
        ConfigException.class,
        () -> ConfigLoader.parse("s.yaml", "reconcile: {probeTimeout: 0}", BASE));
    assertThrows(
        ConfigException.class,
        () -> ConfigLoader.parse("s.yaml", "git: {pollInterval: soon}", BASE));
    ConfigException inline =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("s.yaml", "git: {webhookSecret: hunter2}", BASE));
    assertTrue(inline.getMessage().contains("file:/path"));
    assertThrows(
        ConfigException.class, () -> ConfigLoader.parse("s.yaml", "alerts: [{type: pager}]", BASE));
    assertThrows(
        ConfigException.class, () -> ConfigLoader.parse("s.yaml", "git: {a: 1, a: 2}", BASE));
  }

  @Test
  void alertsTakeTheListOrAMappingWithACapacityThreshold() {
    StrataConfig list = ConfigLoader.parse("s.yaml", "alerts: [{type: log}]", BASE);
    assertEquals(1, list.alerts().size());
    assertEquals(0.85, list.capacityThreshold());
    StrataConfig map =
        ConfigLoader.parse(
            "s.yaml", "alerts: {capacityThreshold: 90%, sinks: [{type: log}]}", BASE);
    assertEquals(1, map.alerts().size());
    assertEquals(0.90, map.capacityThreshold(), 1e-9);
    assertEquals(
        0.7,
        ConfigLoader.parse("s.yaml", "alerts: {capacityThreshold: 0.7}", BASE).capacityThreshold());
    assertEquals(
        0.75,
        ConfigLoader.parse("s.yaml", "alerts: {capacityThreshold: 75}", BASE).capacityThreshold());
    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("s.yaml", "alerts: {capacityThreshold: lots}", BASE));
    assertTrue(bad.getMessage().contains("alerts.capacityThreshold"), bad.getMessage());
    assertThrows(
        ConfigException.class,
        () -> ConfigLoader.parse("s.yaml", "alerts: {capacityThreshold: 120%}", BASE));
    ConfigException unknown =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("s.yaml", "alerts: {sinks: [], treshold: 1}", BASE));
    assertTrue(unknown.getMessage().contains("alerts.treshold"), unknown.getMessage());
    ConfigException sink =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("s.yaml", "alerts: {sinks: [{type: pager}]}", BASE));
    assertTrue(sink.getMessage().contains("alerts.sinks[0].type"), sink.getMessage());
  }

  @Test
  void syncRateIsBytesPerSecondAndOptional() {
    assertEquals(0, ConfigLoader.defaults(BASE).reconcile().syncRate());
    assertEquals(
        100L << 20,
        ConfigLoader.parse("s.yaml", "reconcile: {syncRate: 100MiB/s}", BASE)
            .reconcile()
            .syncRate());
    assertEquals(
        1L << 30,
        ConfigLoader.parse("s.yaml", "reconcile: {syncRate: 1 GiB / s}", BASE)
            .reconcile()
            .syncRate());
    assertThrows(
        ConfigException.class,
        () -> ConfigLoader.parse("s.yaml", "reconcile: {syncRate: fast}", BASE));
  }

  @Test
  void durations() {
    assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 minutes"));
  }
}
