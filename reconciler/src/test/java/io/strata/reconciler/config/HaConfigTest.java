package io.strata.reconciler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HaConfigTest {
  private static StrataConfig parse(String yaml) {
    return ConfigLoader.parse("strata.yaml", yaml, Path.of("/etc/strata"));
  }

  @Test
  void withoutHaTheDaemonRunsAlone() {
    assertNull(parse("{}").ha());
  }

  @Test
  void haWithDefaults() {
    StrataConfig.Ha ha =
        parse(
                """
                ha:
                  jdbcUrl: jdbc:postgresql://db:5432/strata
                  user: strata
                  passwordRef: env:STRATA_DB_PASSWORD
                """)
            .ha();
    assertEquals("jdbc:postgresql://db:5432/strata", ha.jdbcUrl());
    assertEquals("strata", ha.user());
    assertEquals("env:STRATA_DB_PASSWORD", ha.passwordRef().toString());
    assertTrue(
        ha.instanceId().endsWith("-" + ProcessHandle.current().pid()),
        "host name + pid: " + ha.instanceId());
    assertEquals(Duration.ofSeconds(2), ha.checkinInterval());
    assertEquals(Duration.ofSeconds(10), ha.leaseTtl());
  }

  @Test
  void instanceIdAndIntervalsAreSettable() {
    StrataConfig.Ha ha =
        parse(
                """
                ha: {jdbcUrl: "jdbc:postgresql://db/strata", instanceId: node-a,
                     checkinInterval: 1s, leaseTtl: 5s}
                """)
            .ha();
    assertEquals("node-a", ha.instanceId());
    assertEquals(Duration.ofSeconds(1), ha.checkinInterval());
    assertEquals(Duration.ofSeconds(5), ha.leaseTtl());
  }

  @Test
  void badHaSettingsAreExplained() {
    ConfigException noUrl = assertThrows(ConfigException.class, () -> parse("ha: {user: x}"));
    assertTrue(noUrl.getMessage().contains("ha.jdbcUrl"), noUrl.getMessage());
    ConfigException notPg =
        assertThrows(ConfigException.class, () -> parse("ha: {jdbcUrl: 'jdbc:mysql://db/x'}"));
    assertTrue(notPg.getMessage().contains("PostgreSQL"), notPg.getMessage());
    ConfigException shortLease =
        assertThrows(
            ConfigException.class,
            () ->
                parse(
                    "ha: {jdbcUrl: 'jdbc:postgresql://db/x', checkinInterval: 5s, leaseTtl: 5s}"));
    assertTrue(shortLease.getMessage().contains("ha.leaseTtl"), shortLease.getMessage());
    ConfigException unknown =
        assertThrows(
            ConfigException.class,
            () -> parse("ha: {jdbcUrl: 'jdbc:postgresql://db/x', password: hunter2}"));
    assertTrue(unknown.getMessage().contains("password"), unknown.getMessage());
    ConfigException plainSecret =
        assertThrows(
            ConfigException.class,
            () -> parse("ha: {jdbcUrl: 'jdbc:postgresql://db/x', passwordRef: hunter2}"));
    assertTrue(
        plainSecret.getMessage().contains("ha.passwordRef")
            && plainSecret.getMessage().contains("never the secret itself"),
        plainSecret.getMessage());
  }
}
