package io.strata.executors.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strata.executors.drbd.DrbdStatusParser;
import io.strata.executors.layer.ObservationException;
import io.strata.executors.luks.LuksParser;
import io.strata.executors.lvm.ImportedNamespaces;
import io.strata.executors.lvm.LvmParser;
import io.strata.executors.nvme.NvmeParser;
import io.strata.executors.zfs.ZfsCommands;
import io.strata.executors.zfs.ZfsParser;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.VolumeGroup;
import io.strata.planner.observed.Zpool;
import io.strata.planner.observed.Zvol;
import io.strata.schema.fuzz.Fuzz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;

/**
 * Fuzzes every parser of tool output (issue 12) with the captured output of the real tools as seeds
 * (the fixtures under {@code src/test/resources/fixtures}): truncated, garbled, lines lost or
 * doubled, JSON keys renamed and values of another type, as from another tool version. A parser
 * either returns values that are plausible (names not empty, sizes not negative) or refuses with an
 * {@link ObservationException} that names the tool — never another exception, which would reach the
 * operator as a stack trace, and never a half-read answer with blank names, from which the planner
 * would create or delete. (What the observer does with the refusal — the node is unknown, nothing
 * is planned on it — is {@code GarbledToolOutputTest} in the reconciler.)
 */
class ToolOutputFuzzProperties {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

  /** One parser: its name in messages, its seeds, and a check of what it returned. */
  record Parser(String tool, List<String> seeds, Consumer<String> parseAndCheck) {}

  static final List<Parser> PARSERS =
      List.of(
          new Parser(
              "pvs",
              seeds("real-tools/pvs-json.out", "real-tools/vm-pvs-json.out"),
              s -> LvmParser.physicalVolumes(s).forEach((vg, pvs) -> name(vg))),
          new Parser(
              "vgs",
              seeds(
                  "real-tools/vgs-json.out",
                  "real-tools/vgs-json-units-b.out",
                  "real-tools/vm-vgs-json.out"),
              s -> {
                for (VolumeGroup g : LvmParser.volumeGroups(s, Map.of())) {
                  name(g.name());
                  sizes(g.size(), g.free(), g.extentSize());
                }
              }),
          new Parser(
              "lvs",
              seeds(
                  "real-tools/lvs-json.out",
                  "real-tools/lvs-json-all.out",
                  "real-tools/vm-lvs-json.out"),
              s -> {
                LvmParser.Lvs l = LvmParser.logicalVolumes(s);
                for (LogicalVolume v : l.volumes()) {
                  name(v.vg());
                  name(v.name());
                  sizes(v.size());
                }
                l.thinPools().forEach(t -> sizes(t.size(), t.used()));
              }),
          new Parser(
              "zfs list",
              zfsSeeds(),
              s -> {
                for (Zvol z : ZfsParser.zvols(s, ZfsCommands.COLUMNS)) {
                  name(z.dataset());
                  sizes(z.volsize(), z.used());
                }
              }),
          new Parser(
              "zpool list",
              List.of(
                  seeds("real-tools/vm-zpool-list-Hp.out").get(0),
                  // the captured values in Strata's columns (name,size,free)
                  "tank\t117440512\t116756480\n"),
              s -> {
                for (Zpool p : ZfsParser.zpools(s)) {
                  name(p.name());
                  sizes(p.size(), p.free());
                }
              }),
          new Parser(
              "drbdsetup status",
              seeds("drbd9/status-json"),
              s -> {
                for (var e : DrbdStatusParser.parse(s).entrySet()) {
                  name(e.getKey());
                  DrbdResource.Runtime r = e.getValue();
                  sizes(r.sizeBytes());
                  r.peers().forEach(p -> name(p.name()));
                }
              }),
          new Parser(
              "nvme list-subsys",
              seeds("real-tools/vm-nvme-list-subsys-json.out"),
              s -> {
                for (NvmeConnection c : NvmeParser.connections(s)) {
                  name(c.nqn());
                }
              }),
          new Parser(
              "nvme list-subsys",
              seeds("real-tools/vm-nvme-list-subsys-json.out"),
              s -> ImportedNamespaces.fromListSubsys(s, true)),
          new Parser(
              "cryptsetup status",
              seeds(
                  "real-tools/vm-cryptsetup-status.out",
                  "real-tools/vm-cryptsetup-status-after-resize.out"),
              s -> {
                LuksParser.Status st = LuksParser.status(s);
                name(st.device());
                sizes(st.sizeBytes());
              }),
          new Parser(
              "lvm fullreport",
              seeds("captured/lvm-fullreport-json.out"),
              s -> {
                LvmParser.FullReport r = LvmParser.fullReport(s);
                r.pvsByVg().forEach((vg, pvs) -> name(vg));
                r.vgs().forEach(g -> sizes(g.size(), g.free()));
                r.lvs().volumes().forEach(v -> sizes(v.size()));
              }),
          new Parser(
              "dmsetup table",
              seeds("constructed/dmsetup-table-crypt.out"),
              s -> {
                for (LuksParser.Table t : LuksParser.table(s)) {
                  name(t.name());
                  sizes(t.sizeBytes());
                }
              }),
          new Parser(
              "cryptsetup luksDump",
              seeds("real-tools/luksDump.out", "real-tools/luksDump-luks1.out"),
              s -> {
                LuksParser.Header h = LuksParser.luksDump(s);
                assertTrue(h.version() > 0);
              }));

  /** One damage done to a tool's answer. */
  record Damage(int kind, int at, int other, String text) {
    String apply(String s) {
      if (s.isEmpty()) {
        return text;
      }
      int i = Math.floorMod(at, s.length() + 1);
      int j = Math.floorMod(other, s.length() + 1);
      List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
      int li = Math.floorMod(at, lines.size());
      return switch (kind) {
        case 0 -> s.substring(0, i); // truncated
        case 1 -> s.substring(0, i) + text + s.substring(i); // garbage inserted
        case 2 -> s.substring(0, Math.min(i, j)) + s.substring(Math.max(i, j)); // a piece lost
        case 3 -> { // a line lost
          lines.remove(li);
          yield String.join("\n", lines);
        }
        case 4 -> { // a line doubled
          lines.add(li, lines.get(li));
          yield String.join("\n", lines);
        }
        case 5 -> s.replaceFirst("\"[A-Za-z_-]+\"\\s*:", "\"" + text.replace("\"", "") + "\":");
        case 6 -> s.replaceFirst(":\\s*\"[^\"]*\"", ":" + VALUES.get(Math.floorMod(other, 7)));
        case 7 -> s.replaceFirst("\t[^\t\n]*", "\t" + text); // a field of a tab row
        default -> s.replace('\t', ' '); // another separator
      };
    }
  }

  static final List<String> VALUES = List.of("null", "[]", "{}", "-1", "1e999", "\"\"", "\"-5\"");

  @Provide
  Arbitrary<List<Damage>> damages() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(8),
            Arbitraries.of("{", "}", "[", "]", ",", "\"", "nan", "-", "\t", "\n", "null", "-1"));
    return Combinators.combine(
            Arbitraries.integers().between(0, 8),
            Arbitraries.integers(),
            Arbitraries.integers(),
            text)
        .as(Damage::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3);
  }

  @Fuzz(tries = 1000)
  void aDamagedAnswerIsReadPlausiblyOrRefusedClearly(
      @ForAll("damages") List<Damage> damages, @ForAll int parser, @ForAll int seed) {
    Parser p = PARSERS.get(Math.floorMod(parser, PARSERS.size()));
    String text = p.seeds().get(Math.floorMod(seed, p.seeds().size()));
    for (Damage d : damages) {
      text = d.apply(text);
    }
    check(p, text);
  }

  @Fuzz(tries = 300)
  void randomTextIsRefusedClearly(@ForAll String text, @ForAll int parser) {
    check(PARSERS.get(Math.floorMod(parser, PARSERS.size())), text);
  }

  /**
   * Every parser has a seed it reads (otherwise the properties above would test only refusals); the
   * others are answers of another format, e.g. {@code vgs} without {@code --units b}.
   */
  @net.jqwik.api.Example
  void everyParserReadsOneOfItsSeeds() {
    for (Parser p : PARSERS) {
      long read =
          p.seeds().stream()
              .filter(
                  s -> {
                    try {
                      p.parseAndCheck().accept(s);
                      return true;
                    } catch (ObservationException e) {
                      return false;
                    }
                  })
              .count();
      assertTrue(read > 0, p.tool() + " reads none of its seeds");
    }
  }

  static void check(Parser p, String text) {
    try {
      p.parseAndCheck().accept(text);
    } catch (ObservationException e) {
      String m = e.getMessage();
      assertTrue(m != null && !m.isBlank(), "a refusal says why");
      assertTrue(m.startsWith(p.tool()), "the refusal names the tool (" + p.tool() + "): " + m);
    } catch (RuntimeException e) {
      fail(p.tool() + " parser threw " + e + " instead of refusing, on:\n" + text, e);
    }
  }

  private static void name(String n) {
    assertTrue(n != null && !n.isBlank(), "a parsed object has a name");
  }

  private static void sizes(long... sizes) {
    for (long s : sizes) {
      assertTrue(s >= 0, "a parsed size is not negative: " + s);
    }
  }

  /**
   * The captured {@code zfs list -Hp} has other columns than Strata asks for (a seed of another
   * format); the second seed holds the same values in Strata's columns ({@link
   * ZfsCommands#COLUMNS}).
   */
  private static List<String> zfsSeeds() {
    List<String> out = new ArrayList<>(seeds("real-tools/vm-zfs-list-Hp.out"));
    out.add(
        "tank/vol1\t36233216\t58281984\t33554432\tstrata\t-\n"
            + "tank/vol1@s1\t0\t57344\t-\t-\t-\n"
            + "tank/pg_00000\t10737418240\t10804527104\t10804527104\tstrata\tpending\n");
    return out;
  }

  private static List<String> seeds(String... paths) {
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      Path path = FIXTURES.resolve(p);
      try {
        if (Files.isDirectory(path)) {
          try (Stream<Path> s = Files.list(path)) {
            for (Path f : s.sorted().toList()) {
              out.add(Files.readString(f));
            }
          }
        } else {
          out.add(Files.readString(path));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(out);
  }
}
