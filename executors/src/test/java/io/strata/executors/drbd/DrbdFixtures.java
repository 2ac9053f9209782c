package io.strata.executors.drbd;

import io.strata.planner.observed.DrbdConfig;
import java.util.List;
import java.util.Map;

/** The resource shapes ResFile generates, shared by unit and real-tool tests. */
final class DrbdFixtures {
  private DrbdFixtures() {}

  static final String SECRET = "c2VjcmV0LWZvci10ZXN0cy1vbmx5LW5vdC1yZWFsLTEy";

  /** Two diskful replicas. */
  static DrbdConfig twoDiskful() {
    return DrbdConfig.of(
        "pg-data",
        7000,
        1000,
        "C",
        Map.of(),
        List.of(
            new DrbdConfig.Host("alpha", 0, "10.0.0.1", "/dev/vg0/pg-data_00000"),
            new DrbdConfig.Host("bravo", 1, "10.0.0.2", "/dev/vg0/pg-data_00000")),
        7);
  }

  /** Three diskful, a diskless client and a diskless tiebreaker, with options in all sections. */
  static DrbdConfig fiveNodes() {
    return DrbdConfig.of(
        "r0",
        7001,
        1001,
        "C",
        Map.of(
            "auto-promote", "yes",
            "quorum", "majority",
            "on-no-quorum", "io-error",
            "on-no-data-accessible", "io-error",
            "verify-alg", "crc32c",
            "allow-two-primaries", "no",
            "al-extents", "6007",
            "c-max-rate", "4096M"),
        List.of(
            new DrbdConfig.Host("alpha", 0, "10.0.0.1", "/dev/vg0/r0_00000"),
            new DrbdConfig.Host("bravo", 1, "10.0.0.2", "/dev/mapper/strata-r0"),
            new DrbdConfig.Host("charlie", 2, "10.0.0.3", "/dev/zvol/tank/r0_00000"),
            new DrbdConfig.Host("delta", 3, "10.0.0.4", null),
            new DrbdConfig.Host("echo", 4, "10.0.0.5", null)),
        7);
  }
}
