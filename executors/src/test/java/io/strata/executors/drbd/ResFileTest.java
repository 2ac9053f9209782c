package io.strata.executors.drbd;

import static io.strata.executors.layer.FakeHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.observed.DrbdConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ResFileTest {

  @Test
  void twoDiskfulGolden() {
    String expected =
        """
        # managed-by: strata
        # peer-slots: 7
        resource pg-data
        {
            net
            {
                protocol C;
                cram-hmac-alg sha1;
                shared-secret c2VjcmV0LWZvci10ZXN0cy1vbmx5LW5vdC1yZWFsLTEy;
            }
            on alpha
            {
                volume 0
                {
                    disk /dev/vg0/pg-data_00000;
                    meta-disk internal;
                    device minor 1000;
                }
                node-id 0;
                address ipv4 10.0.0.1:7000;
            }
            on bravo
            {
                volume 0
                {
                    disk /dev/vg0/pg-data_00000;
                    meta-disk internal;
                    device minor 1000;
                }
                node-id 1;
                address ipv4 10.0.0.2:7000;
            }
            connection
            {
                host alpha address ipv4 10.0.0.1:7000;
                host bravo address ipv4 10.0.0.2:7000;
            }
        }
        """;
    assertEquals(expected, ResFile.render(DrbdFixtures.twoDiskful(), DrbdFixtures.SECRET));
  }

  @Test
  void optionsGoToTheirSectionsAndDisklessPairsAreNotConnected() {
    String f = ResFile.render(DrbdFixtures.fiveNodes(), DrbdFixtures.SECRET);
    assertTrue(f.contains("    options\n    {\n        auto-promote yes;\n"), f);
    assertTrue(f.contains("        verify-alg crc32c;\n"), f);
    assertTrue(
        f.contains("    disk\n    {\n        al-extents 6007;\n        c-max-rate 4096M;\n"), f);
    assertTrue(f.contains("host echo address ipv4 10.0.0.5:7001;"), f);
    assertTrue(f.contains("            disk none;\n            device minor 1001;"), f);
    // 5 nodes = 10 pairs, minus delta–echo (both diskless)
    assertEquals(9, f.split("    connection\n").length - 1);
    assertFalse(f.contains("host delta address ipv4 10.0.0.4:7001;\n        host echo"), f);
  }

  @Test
  void roundTripOfTheGeneratedShapes() {
    for (DrbdConfig c : List.of(DrbdFixtures.twoDiskful(), DrbdFixtures.fiveNodes())) {
      assertEquals(c, ResFile.parse(ResFile.render(c, "x")));
    }
  }

  @Test
  void ownershipIsTheHeader() {
    assertTrue(ResFile.isOwned(ResFile.render(DrbdFixtures.twoDiskful(), "x")));
    assertFalse(ResFile.isOwned(fixture("real-tools/r0.res")));
  }

  @Test
  void readsHandWrittenAndDrbdmanageFiles() {
    DrbdConfig r0 = ResFile.parse(fixture("real-tools/r0.res"));
    assertEquals("r0", r0.resource());
    assertEquals(1000, r0.minor());
    assertEquals(7000, r0.port());
    assertEquals(
        List.of(
            new DrbdConfig.Host("alpha", 0, "10.0.0.1", "/dev/vgtest/r0_00000"),
            new DrbdConfig.Host("bravo", 1, "10.0.0.2", "/dev/vgtest/r0_00000")),
        r0.hosts());
    assertEquals(Map.of("auto-promote", "yes", "allow-two-primaries", "no"), r0.options());

    DrbdConfig tb = ResFile.parse(fixture("drbd9/res/drbd-utils-tests_tiebreaker.res"));
    assertTrue(tb.hosts().stream().anyMatch(DrbdConfig.Host::diskless), tb.toString());
    ResFile.parse(fixture("drbd9/res/drbd-utils-tests_release_9_1_1.res"));
    ResFile.parse(fixture("drbd9/res/drbd-utils-tests_resync_after.res"));
  }

  @Test
  void badInputIsRefusedClearly() {
    assertThrows(IllegalArgumentException.class, () -> ResFile.parse("resource r0 {"));
    assertThrows(IllegalArgumentException.class, () -> ResFile.parse("global { }"));
    DrbdConfig bad =
        DrbdConfig.of(
            "r", 7000, 1, "C", Map.of("shared-secret", "x"), DrbdFixtures.twoDiskful().hosts(), 7);
    assertThrows(IllegalArgumentException.class, () -> ResFile.render(bad, "s"));
  }

  @Test
  void quotingKeepsOddValues() {
    DrbdConfig c =
        DrbdConfig.of(
            "r",
            7000,
            1,
            "C",
            Map.of("on-io-error", "call local;handler", "x-y", "a b", "disk.x-z", "q"),
            DrbdFixtures.twoDiskful().hosts(),
            3);
    DrbdConfig back = ResFile.parse(ResFile.render(c, "s\"q"));
    assertEquals(c, back);
    assertNull(back.hosts().stream().filter(h -> h.node().equals("none")).findFirst().orElse(null));
  }

  @Property(tries = 200)
  void parseOfRenderIsIdentity(@ForAll("configs") DrbdConfig c, @ForAll("secrets") String secret) {
    assertEquals(c, ResFile.parse(ResFile.render(c, secret)));
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(60);
  }

  @Provide
  Arbitrary<DrbdConfig> configs() {
    Arbitrary<String> names =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    Arbitrary<Map<String, String>> opts =
        Arbitraries.maps(
                Arbitraries.of(
                    "quorum",
                    "on-no-quorum",
                    "verify-alg",
                    "al-extents",
                    "max-buffers",
                    "disk.resync-rate",
                    "options.x-custom",
                    "ping-timeout"),
                Arbitraries.strings()
                    .withCharRange(' ', '~')
                    .ofMinLength(1)
                    .ofMaxLength(10)
                    .filter(v -> !v.isBlank() && v.equals(v.strip()) && !v.contains("  ")))
            .ofMaxSize(5);
    Arbitrary<List<Boolean>> diskless =
        Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(6);
    return Combinators.combine(
            names,
            Arbitraries.integers().between(7000, 7999),
            Arbitraries.integers().between(0, 1048575),
            Arbitraries.of("A", "B", "C"),
            opts,
            diskless,
            Arbitraries.integers().between(0, 31),
            Arbitraries.of(true, false))
        .as(
            (name, port, minor, proto, o, dl, slots, reversed) -> {
              List<DrbdConfig.Host> hosts = new ArrayList<>();
              for (int i = 0; i < dl.size(); i++) {
                hosts.add(
                    new DrbdConfig.Host(
                        "node-" + i,
                        i,
                        i % 2 == 0 ? "10.0.0." + i : "fd00::" + i,
                        dl.get(i) ? null : "/dev/vg0/" + name + "_00000"));
              }
              if (reversed) {
                Collections.reverse(hosts); // order is kept, whatever it is
              }
              return DrbdConfig.of(
                  name, port, minor, proto, DrbdOptions.canonicalize(o), hosts, slots);
            });
  }
}
