package io.strata.executors.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The framing parser of {@link TreeScript}'s output, on hand-made answers. */
class TreeScriptTest {
  private static final String TOK = "0123456789abcdef0123456789abcdef";
  private static final Path ROOT = Path.of("/sys/kernel/config/nvmet");
  private static final String R = TOK + " R\n";
  private static final String Z = TOK + " Z\n";

  private static String rec(String kind, String rel) {
    return TOK + " " + kind + " " + rel.getBytes(StandardCharsets.UTF_8).length + " " + rel + "\n";
  }

  private static String file(String rel, String content, int rc) {
    return rec("F", rel) + content + "\n" + TOK + " E " + rc + "\n";
  }

  private static FileTree parse(String out) {
    return TreeScript.parse(out.getBytes(StandardCharsets.UTF_8), TOK, ROOT, 5);
  }

  private static byte[] bytes(FileTree t, String rel) {
    return assertInstanceOf(FileTree.File.class, t.entry(rel).orElseThrow()).content();
  }

  /** Records the single reads a snapshot falls back to; runs nothing. */
  static class SingleReads implements Host {
    final List<String> asked = new ArrayList<>();

    @Override
    public String name() {
      return "n1";
    }

    @Override
    public Result run(List<String> argv, byte[] stdin, Duration timeout) {
      throw new AssertionError("no command expected: " + argv);
    }

    @Override
    public void writeFile(Path path, byte[] content, int mode) {
      throw new AssertionError("no write expected");
    }

    @Override
    public Optional<byte[]> readFile(Path path) {
      asked.add("read " + path);
      return Optional.of("single\n".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public List<String> list(Path dir) {
      asked.add("list " + dir);
      return List.of("single");
    }

    @Override
    public void deleteFile(Path path) {
      throw new AssertionError("no delete expected");
    }
  }

  @Test
  void aMissingRootIsAnEmptyTreeThatAnswersWithoutAsking() {
    FileTree t = parse(Z);
    SingleReads host = new SingleReads();
    assertFalse(t.exists());
    assertTrue(t.entries().isEmpty());
    assertEquals(List.of(), t.list(host, ROOT));
    assertEquals(List.of(), t.list(host, ROOT.resolve("ports/1/subsystems")));
    assertEquals(Optional.empty(), t.read(host, ROOT.resolve("subsystems/x/attr_model")));
    assertEquals(List.of(), host.asked);
  }

  @Test
  void fileContentIsExactWhateverItHolds() {
    String lookalike =
        "a\n" + "fedcba9876543210fedcba9876543210 E 0\n" + TOK + " F 1 x\n" + TOK + " Eh\n" + TOK;
    FileTree t =
        parse(
            R
                + file("empty", "", 0)
                + file("no-newline", "tcp", 0)
                + file("newline", "tcp\n", 0)
                + file("two-newlines", "\n\n", 0)
                + file("lookalike", lookalike, 0)
                + Z);
    assertArrayEquals(new byte[0], bytes(t, "empty"));
    assertEquals("tcp", new String(bytes(t, "no-newline"), StandardCharsets.UTF_8));
    assertEquals("tcp\n", new String(bytes(t, "newline"), StandardCharsets.UTF_8));
    assertEquals("\n\n", new String(bytes(t, "two-newlines"), StandardCharsets.UTF_8));
    assertEquals(lookalike, new String(bytes(t, "lookalike"), StandardCharsets.UTF_8));
    assertEquals(
        List.of("empty", "lookalike", "newline", "no-newline", "two-newlines"),
        t.list(new SingleReads(), ROOT));
  }

  @Test
  void nestedDirectoriesLinksAndSkippedFilesAnswerLikeListAndReadFile() {
    FileTree t =
        parse(
            R
                + rec("D", "ports")
                + rec("D", "ports/1")
                + file("ports/1/addr_trtype", "tcp\n", 0)
                + rec("S", "ports/1/addr_treq")
                + rec("D", "ports/1/subsystems")
                + rec("L", "ports/1/subsystems/nqn.2014-08.org.strata:v1")
                + rec("D", "subsystems")
                + rec("D", "subsystems/nqn.2014-08.org.strata:v1")
                + rec("D", "subsystems/nqn.2014-08.org.strata:v1/namespaces")
                + rec("D", "subsystems/nqn.2014-08.org.strata:v1/namespaces/1")
                + file("subsystems/nqn.2014-08.org.strata:v1/namespaces/1/enable", "1\n", 0)
                + rec("D", "subsystems/nqn.2014-08.org.strata:v1/namespaces/1/deep")
                + Z);
    SingleReads host = new SingleReads();
    assertEquals(List.of("ports", "subsystems"), t.list(host, ROOT));
    assertEquals(
        List.of("addr_treq", "addr_trtype", "subsystems"), t.list(host, ROOT.resolve("ports/1")));
    assertEquals(
        List.of("nqn.2014-08.org.strata:v1"), t.list(host, ROOT.resolve("ports/1/subsystems")));
    assertInstanceOf(
        FileTree.Symlink.class, t.entry("ports/1/subsystems/nqn.2014-08.org.strata:v1").get());
    Path ns = ROOT.resolve("subsystems/nqn.2014-08.org.strata:v1/namespaces/1");
    assertEquals("1\n", new String(t.read(host, ns.resolve("enable")).get()));
    // absent: its listed directory lacks it, or a directory on its way is missing
    assertEquals(Optional.empty(), t.read(host, ns.resolve("device_path")));
    assertEquals(List.of(), t.list(host, ROOT.resolve("ports/2/subsystems")));
    assertEquals(List.of(), t.list(host, ROOT.resolve("subsystems/none/namespaces")));
    assertEquals(List.of(), host.asked);
    // what the snapshot does not hold is read singly: a skipped file, beyond the depth, via a link
    assertEquals("single\n", new String(t.read(host, ROOT.resolve("ports/1/addr_treq")).get()));
    assertEquals(List.of("single"), t.list(host, ns.resolve("deep")));
    t.list(host, ROOT.resolve("ports/1/subsystems/nqn.2014-08.org.strata:v1/namespaces"));
    t.read(host, Path.of("/etc/elsewhere"));
    assertEquals(
        List.of(
            "read " + ROOT.resolve("ports/1/addr_treq"),
            "list " + ns.resolve("deep"),
            "list " + ROOT.resolve("ports/1/subsystems/nqn.2014-08.org.strata:v1/namespaces"),
            "read /etc/elsewhere"),
        host.asked);
  }

  @Test
  void anUnreadableFileIsMarkedAndItsSingleReadGivesTheRealAnswer() {
    FileTree t =
        parse(
            R
                + rec("D", "n")
                + file("n/revalidate_size", "", 1)
                + file("n/enable", "0\n", 0)
                + rec("X", "locked")
                + Z);
    assertEquals(
        new FileTree.Unreadable("read failed (head exited 1)"), t.entry("n/revalidate_size").get());
    assertInstanceOf(FileTree.Unreadable.class, t.entry("locked").get());
    SingleReads host = new SingleReads();
    assertEquals("single\n", new String(t.read(host, ROOT.resolve("n/revalidate_size")).get()));
    assertEquals(List.of("single"), t.list(host, ROOT.resolve("locked")));
    assertEquals("0\n", new String(t.read(host, ROOT.resolve("n/enable")).get()));
    assertEquals(
        List.of("read " + ROOT.resolve("n/revalidate_size"), "list " + ROOT.resolve("locked")),
        host.asked);
  }

  @Test
  void aFileOverTheLimitIsUnreadable() {
    String big = "x".repeat(FileTree.MAX_FILE_BYTES + 1);
    FileTree t = parse(R + file("big", big, 0) + file("fits", big.substring(1), 0) + Z);
    assertInstanceOf(FileTree.Unreadable.class, t.entry("big").get());
    assertEquals(FileTree.MAX_FILE_BYTES, bytes(t, "fits").length);
  }

  @Test
  void namesMayHoldNewlinesSpacesAndMultibyteCharacters() {
    FileTree t = parse(R + rec("D", "a\nb c") + file("a\nb c/é\n", "v", 0) + Z);
    assertEquals("v", new String(bytes(t, "a\nb c/é\n")));
    assertEquals(List.of("é\n"), t.list(new SingleReads(), ROOT.resolve("a\nb c")));
  }

  @Test
  void garbledAnswersAreRefusedSayingWhere() {
    List<String> garbled =
        List.of(
            "",
            R,
            R + rec("D", "a"),
            R + rec("D", "a") + Z + "junk",
            R + Z + Z,
            "fedcba9876543210fedcba9876543210 Z\n",
            TOK + " Q\n",
            R + rec("Q", "a") + Z,
            R + rec("D", "a/b") + Z,
            R + rec("S", "a") + rec("D", "a/b") + Z,
            R + rec("D", "a") + rec("D", "a") + Z,
            R + rec("D", "..") + Z,
            R + rec("D", "/etc") + Z,
            R + rec("D", "a//b") + Z,
            R + rec("D", "a/b/c/d/e/f") + Z,
            R + TOK + " D 99 a\n" + Z,
            R + TOK + " D x a\n" + Z,
            R + TOK + " D 0 \n" + Z,
            R + rec("F", "a") + "content without its end record\n" + Z,
            R + rec("F", "a") + "v\n" + TOK + " E x\n" + Z,
            R + rec("F", "a") + "v\n" + TOK + " E 0" + Z,
            Z.substring(0, Z.length() - 1));
    for (String out : garbled) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> parse(out), () -> "accepted: " + out);
      assertTrue(
          e.getMessage().contains(" at byte ") || e.getMessage().contains("'"), e::getMessage);
    }
  }

  @Test
  void overSshAGarbledOrFailedAnswerIsAClearErrorNamingTheNode() {
    for (Result r :
        List.of(
            new Result(List.of("sh"), 0, "not framed\n".getBytes(), new byte[0], false),
            new Result(List.of("sh"), 2, new byte[0], "sh: bad\n".getBytes(), false))) {
      SingleReads node =
          new SingleReads() {
            @Override
            public Result run(List<String> argv, byte[] stdin, Duration timeout) {
              assertEquals(
                  List.of("sh", "-c", TreeScript.SCRIPT, "sh", ROOT.toString()),
                  argv.subList(0, 5));
              return r;
            }
          };
      java.io.UncheckedIOException e =
          assertThrows(
              java.io.UncheckedIOException.class,
              () -> new SshFiles(node).readTree(ROOT, 5, List.of("enable")));
      assertTrue(e.getMessage().startsWith("n1: cannot read the tree " + ROOT), e::getMessage);
      assertTrue(
          e.getMessage().contains(r.exitCode() == 0 ? "garbled output" : "sh: bad"), e::getMessage);
    }
  }

  @Test
  void patternsMatchAsTheShellsCaseDoes() {
    List<String> p = FileTree.checkedPatterns(List.of("strata-*.res", "enable"));
    assertTrue(FileTree.wanted(p, "strata-a.res"));
    assertTrue(FileTree.wanted(p, "strata-.res"));
    assertTrue(FileTree.wanted(p, "strata-a\nb.res"));
    assertFalse(FileTree.wanted(p, "strata-a.res.bak"));
    assertFalse(FileTree.wanted(p, "xstrata-a.res"));
    assertTrue(FileTree.wanted(p, "enable"));
    assertFalse(FileTree.wanted(p, "enabled"));
    assertTrue(FileTree.wanted(List.of("*"), ".hidden"));
    for (String bad : List.of("", "a b", "a/b", "[ab]", "a?", "$x", "'")) {
      assertThrows(IllegalArgumentException.class, () -> FileTree.checkedPatterns(List.of(bad)));
    }
  }
}
