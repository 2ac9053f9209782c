package io.strata.executors.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.drbd.ResFile;
import io.strata.executors.nvme.Nvmet;
import io.strata.planner.observed.DrbdConfig;
import io.strata.schema.fuzz.Fuzz;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * Issue 12: no string can inject into a {@code .res} file or a configfs path. Names are gated by
 * the manifest schema ({@code ^[a-z][a-z0-9-]{0,46}$}, {@code NameGateProperties} in schema); these
 * properties hold even for what passes no gate — values a compromised node reports (its host NQN)
 * or that a future schema might allow: the renderers quote or refuse, never let a value end a
 * statement, open a section or leave the configfs tree.
 */
class InjectionProperties {
  /** Strings built from the characters that end, open or escape something. */
  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withChars("abz09-_.:/\\\"'{};# \t\n\r\u0000$`()*?[]<>|&!~")
            .ofMaxLength(30),
        Arbitraries.of(
            "..",
            ".",
            "../../../etc/cron.d/x",
            "a; } resource evil { on x { address 1.2.3.4:1; } }",
            "a\"; net { shared-secret \"x",
            "a\n}\nresource b {",
            "nqn.2014-08.io.strata:a/../../../../etc",
            "nqn.x\u0000y",
            "-rf",
            "--force"),
        Arbitraries.strings().ofMaxLength(20));
  }

  @Fuzz(tries = 500)
  void aResFileReadsBackExactlyWhatWasRenderedOrIsRefused(
      @ForAll("hostile") String resource,
      @ForAll("hostile") String node,
      @ForAll("hostile") String address,
      @ForAll("hostile") String disk,
      @ForAll("hostile") String optionValue,
      @ForAll("hostile") String secret) {
    TreeMap<String, String> options = new TreeMap<>();
    options.put("disk/al-extents", optionValue);
    DrbdConfig c =
        new DrbdConfig(
            resource,
            7000,
            1000,
            "C",
            options,
            List.of(
                new DrbdConfig.Host(node, 0, address + ":7000", disk),
                new DrbdConfig.Host("peer", 1, "10.0.0.2:7000", "/dev/vg0/x")),
            7);
    String text;
    try {
      text = ResFile.render(c, secret);
    } catch (IllegalArgumentException refused) {
      return;
    }
    assertEquals(1, count(text, "\nresource "), "exactly one resource section:\n" + text);
    DrbdConfig back = ResFile.parse(text);
    assertEquals(c.resource(), back.resource(), text);
    assertEquals(c.hosts(), back.hosts(), text);
    assertEquals(c.options(), back.options(), text);
    for (String line : text.split("\n")) {
      assertFalse(line.contains("\u0000") || line.contains("\r"), "no control characters: " + text);
    }
  }

  @Fuzz(tries = 500)
  void aConfigfsPathStaysInItsDirectoryOrIsRefused(@ForAll("hostile") String nqn) {
    for (Path dir : List.of(Nvmet.ROOT.resolve("hosts"), Nvmet.subsystems())) {
      Path p;
      try {
        p = dir.endsWith("hosts") ? Nvmet.host(nqn) : Nvmet.subsystem(nqn);
      } catch (IllegalArgumentException refused) {
        assertFalse(Nvmet.isSafeNqn(nqn));
        continue;
      }
      assertEquals(dir, p.getParent(), "one level under " + dir + ": " + p);
      assertEquals(p, p.normalize(), "no . or .. in " + p);
      assertTrue(p.getFileName().toString().startsWith("nqn."), p.toString());
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
