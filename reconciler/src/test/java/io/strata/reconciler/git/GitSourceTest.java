package io.strata.reconciler.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.config.ConfigException;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {
  @TempDir Path tmp;

  private StrataConfig config(String extra) {
    return ConfigLoader.parse(
        "strata.yaml", "git:\n  url: remote.git\n  branch: main\n" + extra, tmp);
  }

  private GitSource open(StrataConfig cfg) {
    return GitSource.open(cfg, tmp.resolve("state"), new SecretReader(tmp, Map.of()));
  }

  @Test
  void readsManifestsFromTheFetchedCommitOnly() throws Exception {
    GitCli cli = GitCli.create(tmp);
    String c1 =
        cli.commitAndPush(
            "first",
            "volumes/a.yaml",
            "kind: Volume\n",
            "nodes/alpha.yml",
            "kind: Node\n",
            "strata.yaml",
            "git: {}\n",
            "status/volumes/a.yaml",
            "kind: VolumeStatus\n",
            ".github/ci.yaml",
            "on: push\n",
            "README.md",
            "# docs\n");
    try (GitSource src = open(config(""))) {
      FetchResult r = src.fetch();
      assertEquals(new FetchResult.Fetched(c1), r);
      Map<String, byte[]> m = src.manifests(c1);
      assertEquals(List.of("nodes/alpha.yml", "volumes/a.yaml"), List.copyOf(m.keySet()));
      assertEquals("kind: Volume\n", new String(m.get("volumes/a.yaml"), StandardCharsets.UTF_8));

      String c2 = cli.commitAndPush("second", "volumes/b.yaml", "kind: Volume\nname: b\n");
      // Until fetched, the mirror still answers with the first commit.
      assertEquals(2, src.manifests(c1).size());
      assertEquals(new FetchResult.Fetched(c2), src.fetch());
      assertEquals(3, src.manifests(c2).size());
      // The old commit stays readable: manifests always come from a commit.
      assertEquals(2, src.manifests(c1).size());
    }
  }

  @Test
  void aNewCommitReadsOnlyTheBlobsItChanged() throws Exception {
    GitCli cli = GitCli.create(tmp);
    String c1 = cli.commitAndPush("first", "a.yaml", "kind: Volume\n", "b.yaml", "kind: Node\n");
    try (GitSource src = open(config(""))) {
      src.fetch();
      Map<String, byte[]> first = src.manifests(c1);
      String c2 = cli.commitAndPush("second", "b.yaml", "kind: Node\nname: b\n");
      src.fetch();
      Map<String, byte[]> second = src.manifests(c2);
      // the unchanged blob is the very array read before: the loader's cache knows it at once
      assertSame(first.get("a.yaml"), second.get("a.yaml"));
      assertNotSame(first.get("b.yaml"), second.get("b.yaml"));
      assertEquals("kind: Node\nname: b\n", new String(second.get("b.yaml"), UTF_8));
    }
  }

  @Test
  void honoursThePathInsideTheRepository() throws Exception {
    GitCli cli = GitCli.create(tmp);
    String c =
        cli.commitAndPush(
            "layout",
            "clusters/prod/v.yaml",
            "kind: Volume\n",
            "clusters/prod/status/x.yaml",
            "ignored\n",
            "clusters/staging/v.yaml",
            "kind: Volume\n",
            "top.yaml",
            "kind: Node\n");
    try (GitSource src = open(config("  path: clusters/prod/\n"))) {
      src.fetch();
      assertEquals(List.of("clusters/prod/v.yaml"), List.copyOf(src.manifests(c).keySet()));
    }
  }

  @Test
  void aMissingBranchIsAFailureThatSaysWhatToCheck() {
    GitCli cli = GitCli.create(tmp);
    cli.commitAndPush("first", "a.yaml", "x: 1\n");
    try (GitSource src =
        open(ConfigLoader.parse("s", "git: {url: remote.git, branch: prod}", tmp))) {
      FetchResult r = src.fetch();
      FetchResult.Failed f = assertInstanceOf(FetchResult.Failed.class, r);
      assertTrue(f.message().contains("git.branch"), f.message());
    }
  }

  /**
   * What a SIGKILL between JGit writing the fetched pack and renaming the branch's ref into place
   * leaves: the objects, no ref, and the ref's lock file (plus others a kill during open leaves).
   * The lock file made every later fetch fail to record the branch: "branch 'main' not found" for
   * good (DaemonCrashTest, seed 40778912555326).
   */
  @Test
  void aFetchKilledHalfWayDoesNotBlockTheNextOne() throws Exception {
    GitCli cli = GitCli.create(tmp);
    String c1 = cli.commitAndPush("first", "a.yaml", "x: 1\n");
    Path mirror = tmp.resolve("state/mirror.git");
    try (GitSource src = open(config(""))) {
      assertEquals(new FetchResult.Fetched(c1), src.fetch());
    }
    killedHalfWay(mirror, "refs/remotes/origin/main");

    try (GitSource src = open(config(""))) {
      assertEquals(new FetchResult.Fetched(c1), src.fetch());
      String c2 = cli.commitAndPush("second", "b.yaml", "y: 1\n");
      // a lock left on an existing ref must not pin it at the old commit either
      killedHalfWay(mirror, "refs/remotes/origin/main");
      Files.writeString(mirror.resolve("refs/remotes/origin/main"), c1 + "\n");
      assertEquals(new FetchResult.Fetched(c2), src.fetch());
    }
    try (Stream<Path> files = Files.walk(mirror)) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".lock")).toList());
    }
  }

  /**
   * A kill after JGit created the fetched pack's {@code .keep} but before the pack was in place:
   * the next fetch receives the same pack under the same name and, without the cleanup, fails for
   * good with "Cannot lock pack" (DaemonCrashTest, seed 17940355093421, kill after 63 ms).
   */
  @Test
  void aPackKeptByAKilledFetchDoesNotBlockTheNextOne() throws Exception {
    GitCli cli = GitCli.create(tmp);
    String c1 = cli.commitAndPush("first", "a.yaml", "x: 1\n");
    Path mirror = tmp.resolve("state/mirror.git");
    try (GitSource src = open(config(""))) {
      assertEquals(new FetchResult.Fetched(c1), src.fetch());
    }
    List<Path> packs;
    try (Stream<Path> files = Files.list(mirror.resolve("objects/pack"))) {
      packs = files.filter(f -> f.toString().endsWith(".pack")).toList();
    }
    assertEquals(1, packs.size(), "one fetched pack");
    // JGit creates the .keep, renames the pack, then its index into place: killed before the index
    String base = packs.get(0).toString().replaceFirst("\\.pack$", "");
    Files.writeString(Path.of(base + ".keep"), "fetch\n");
    for (String ext : List.of(".idx", ".rev", ".bitmap")) {
      Files.deleteIfExists(Path.of(base + ext));
    }
    Files.deleteIfExists(mirror.resolve("refs/remotes/origin/main"));
    Files.deleteIfExists(mirror.resolve("packed-refs"));

    try (GitSource src = open(config(""))) {
      assertEquals(new FetchResult.Fetched(c1), src.fetch());
    }
    try (Stream<Path> files = Files.walk(mirror)) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".keep")).toList());
    }
  }

  /**
   * Issue 12: every fetch adds a pack, and JGit's own automatic gc kept the packs it replaced for
   * an hour, so the mirror's pack list — and JGit's indexes for it in the heap — grew with every
   * cycle. Past its limits the mirror is repacked after the fetch, the replaced packs deleted at
   * once, and every commit it had stays readable.
   */
  @Test
  void fetchesRepackTheMirrorPastItsPackLimitAndEveryCommitStaysReadable() throws Exception {
    GitCli cli = GitCli.create(tmp);
    Path packDir = tmp.resolve("state/mirror.git/objects/pack");
    List<String> commits = new ArrayList<>();
    try (GitSource src = open(config(""), new Mirror.Limits(3, 1000))) {
      for (int i = 0; i < 10; i++) {
        commits.add(cli.commitAndPush("step " + i, "v" + i + ".yaml", "kind: Volume\nn: " + i));
        assertEquals(new FetchResult.Fetched(commits.get(i)), src.fetch());
        assertTrue(count(packDir, ".pack") <= 3, "packs after fetch " + i + ": " + list(packDir));
        assertTrue(
            packsInMemory(src) <= 3,
            "JGit's pack list after fetch " + i + ": " + packsInMemory(src));
        assertEquals(i + 1, src.manifests(commits.get(i)).size());
      }
      assertEquals(1, src.manifests(commits.get(0)).size());
      assertEquals(List.of(), leftovers(packDir), "only packs and their indexes");
    }
  }

  /**
   * Loose objects (the status writer's commits, unreferenced objects of a rejected status push)
   * count too: past the limit they are packed or, unreferenced, deleted at once.
   */
  @Test
  void fetchesPackLooseObjectsPastTheirLimitAndDropTheUnreferenced() throws Exception {
    GitCli cli = GitCli.create(tmp);
    String c1 = cli.commitAndPush("first", "a.yaml", "x: 1\n");
    try (GitSource src = open(config(""), new Mirror.Limits(50, 5))) {
      assertEquals(new FetchResult.Fetched(c1), src.fetch());
      Repository repo = src.repository();
      ObjectId kept;
      List<ObjectId> dropped = new ArrayList<>();
      try (ObjectInserter ins = repo.newObjectInserter()) {
        kept = ins.insert(Constants.OBJ_BLOB, "kept".getBytes(UTF_8));
        for (int i = 0; i < 6; i++) {
          dropped.add(ins.insert(Constants.OBJ_BLOB, ("dropped " + i).getBytes(UTF_8)));
        }
        ins.flush();
      }
      RefUpdate u = repo.updateRef("refs/strata/kept");
      u.setNewObjectId(kept);
      assertEquals(RefUpdate.Result.NEW, u.update());
      Path objects = tmp.resolve("state/mirror.git/objects");
      assertEquals(7, looseObjects(objects));

      String c2 = cli.commitAndPush("second", "b.yaml", "y: 1\n");
      assertEquals(new FetchResult.Fetched(c2), src.fetch());
      assertEquals(0, looseObjects(objects));
      assertTrue(repo.getObjectDatabase().has(kept), "a referenced object is packed");
      for (ObjectId d : dropped) {
        assertFalse(repo.getObjectDatabase().has(d), "an unreferenced object is deleted");
      }
      assertEquals(2, src.manifests(c2).size());
    }
  }

  /**
   * What a kill during a repack can leave: its temporaries, its new pack without an index, an old
   * pack deleted before its index and reverse index, its pid file and the packed-refs lock. The
   * next fetch works, removes them, and repacks again.
   */
  @Test
  void aRepackKilledHalfWayLeavesAUsableMirror() throws Exception {
    GitCli cli = GitCli.create(tmp);
    List<String> commits = new ArrayList<>();
    Path mirror = tmp.resolve("state/mirror.git");
    Path packDir = mirror.resolve("objects/pack");
    try (GitSource src = open(config(""), new Mirror.Limits(50, 1000))) {
      for (int i = 0; i < 3; i++) {
        commits.add(cli.commitAndPush("step " + i, "v" + i + ".yaml", "n: " + i));
        src.fetch();
      }
    }
    assertEquals(3, count(packDir, ".pack"));
    // the repack's new pack in place (here: a copy of the first), then the first deleted before
    // its index; a second repack's pack renamed before its index, and its temporaries
    String first = packName(packDir, 0);
    String fresh = "pack-" + "1".repeat(40);
    Files.copy(packDir.resolve(first + ".pack"), packDir.resolve(fresh + ".pack"));
    Files.copy(packDir.resolve(first + ".idx"), packDir.resolve(fresh + ".idx"));
    Files.delete(packDir.resolve(first + ".pack"));
    Files.copy(
        packDir.resolve(packName(packDir, 1) + ".pack"),
        packDir.resolve("pack-" + "2".repeat(40) + ".pack"));
    Files.writeString(packDir.resolve("gc_12345.pack_tmp"), "half");
    Files.writeString(packDir.resolve("gc_12345.idx_tmp"), "half");
    Files.writeString(mirror.resolve("gc.pid"), "12345 host");
    Files.writeString(mirror.resolve("packed-refs.lock"), "");

    try (GitSource src = open(config(""), new Mirror.Limits(1, 1000))) {
      commits.add(cli.commitAndPush("step 3", "v3.yaml", "n: 3"));
      assertEquals(new FetchResult.Fetched(commits.get(3)), src.fetch());
      for (String c : commits) {
        assertEquals(1 + commits.indexOf(c), src.manifests(c).size());
      }
    }
    assertEquals(1, count(packDir, ".pack"), list(packDir).toString());
    assertEquals(List.of(), leftovers(packDir));
    assertFalse(Files.exists(mirror.resolve("gc.pid")));
    assertFalse(Files.exists(mirror.resolve("packed-refs.lock")));
  }

  private GitSource open(StrataConfig cfg, Mirror.Limits limits) {
    return GitSource.open(cfg, tmp.resolve("state"), new SecretReader(tmp, Map.of()), limits);
  }

  private static int packsInMemory(GitSource src) {
    return ((FileRepository) src.repository()).getObjectDatabase().getPacks().size();
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> all = Files.list(dir)) {
      return all.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static long count(Path dir, String suffix) throws IOException {
    return list(dir).stream().filter(n -> n.endsWith(suffix)).count();
  }

  private static String packName(Path dir, int i) throws IOException {
    return list(dir).stream()
        .filter(n -> n.endsWith(".pack"))
        .map(n -> n.substring(0, n.length() - 5))
        .toList()
        .get(i);
  }

  /** Anything in objects/pack but a pack with its index (and reverse index or bitmap). */
  private static List<String> leftovers(Path dir) throws IOException {
    List<String> names = list(dir);
    return names.stream()
        .filter(
            n -> {
              int dot = n.lastIndexOf('.');
              String base = dot < 0 ? n : n.substring(0, dot);
              return !n.startsWith("pack-")
                  || !names.contains(base + ".pack")
                  || !names.contains(base + ".idx");
            })
        .toList();
  }

  private static long looseObjects(Path objects) throws IOException {
    try (Stream<Path> all = Files.walk(objects, 2)) {
      return all.filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}")).count();
    }
  }

  private static void killedHalfWay(Path mirror, String ref) throws IOException {
    Files.deleteIfExists(mirror.resolve(ref));
    Files.writeString(mirror.resolve(ref + ".lock"), "");
    for (String f : List.of("config.lock", "HEAD.lock", "FETCH_HEAD.lock", "packed-refs.lock")) {
      Files.writeString(mirror.resolve(f), "");
    }
  }

  /** A start killed while it made the mirror leaves part of one; the next start makes it again. */
  @Test
  void aHalfMadeMirrorIsMadeAgain() throws Exception {
    GitCli cli = GitCli.create(tmp);
    String c1 = cli.commitAndPush("first", "a.yaml", "x: 1\n");
    Path mirror = tmp.resolve("state/mirror.git");
    Map<String, String> leftovers =
        Map.of(
            "objects/",
            "only the objects folder",
            "config",
            "[core]\n\trepositoryformatversion = 0\n\tbare = tr",
            "HEAD",
            "",
            "refs/heads/",
            "only a refs folder");
    for (Map.Entry<String, String> left : leftovers.entrySet()) {
      GitCli.git(tmp, "init", "-q", "--bare", mirror.toString());
      Path p = mirror.resolve(left.getKey());
      if (left.getKey().endsWith("/")) {
        deleteTree(mirror);
        Files.createDirectories(p);
      } else {
        Files.writeString(p, left.getValue());
      }
      Files.createDirectories(tmp.resolve("state/mirror.git.new/objects"));
      try (GitSource src = open(config(""))) {
        assertEquals(new FetchResult.Fetched(c1), src.fetch(), left.getValue());
      }
      assertTrue(Files.notExists(tmp.resolve("state/mirror.git.new")), left.getValue());
      deleteTree(mirror);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void anUnreachableRemoteIsAFailureNotAnException() {
    try (GitSource src = open(config(""))) {
      assertInstanceOf(FetchResult.Failed.class, src.fetch());
    }
  }

  @Test
  void gpgVerificationWithAnUnreadableKeyRefusesToStart() {
    StrataConfig cfg = config("  verify: {mode: gpg, trustedKeys: [file:keys/ops.asc]}\n");
    ConfigException e = assertThrows(ConfigException.class, () -> open(cfg));
    assertTrue(e.getMessage().contains("git.verify.trustedKeys[0]"), e.getMessage());
  }

  @Test
  void sshWithoutPinnedHostKeysIsRefused() {
    StrataConfig cfg =
        ConfigLoader.parse("s", "git: {url: 'ssh://git@127.0.0.1:2222/repo.git'}", tmp);
    ConfigException e = assertThrows(ConfigException.class, () -> open(cfg));
    assertTrue(e.getMessage().contains("git.knownHosts"), e.getMessage());
  }
}
