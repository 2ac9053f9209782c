package io.strata.reconciler.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.git.GitCli;
import io.strata.reconciler.git.GitSource;
import io.strata.reconciler.git.SecretReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusWriterTest {
  @TempDir Path tmp;
  GitCli cli;
  GitSource source;
  MutableClock clock = new MutableClock(Instant.parse("2026-11-24T06:00:00Z"));

  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void setUp() {
    cli = GitCli.create(tmp);
    cli.commitAndPush("manifests", "volumes/a.yaml", "kind: Volume\n");
    source =
        GitSource.open(
            ConfigLoader.parse("s", "git: {url: remote.git}", tmp),
            tmp.resolve("state"),
            new SecretReader(tmp, Map.of()));
    source.fetch();
  }

  @AfterEach
  void tearDown() {
    source.close();
  }

  static StatusSnapshot snapshot(boolean ready, String commit) {
    StatusModel.VolumeFacts v =
        new StatusModel.VolumeFacts(
            "a",
            ready,
            ready ? "" : "replica on beta missing",
            10L << 30,
            (10L << 30) + (4 << 20),
            List.of(
                new StatusModel.ReplicaFacts(
                    "beta", true, "vg0", "/dev/drbd1000", ReplicationState.SYNC_TARGET, 42.5),
                new StatusModel.ReplicaFacts(
                    "alpha", true, "vg0", "/dev/drbd1000", ReplicationState.UP_TO_DATE, null)));
    StatusModel.NodeFacts n =
        new StatusModel.NodeFacts(
            "alpha",
            true,
            null,
            Map.of("vg0", new StatusModel.PoolFacts(100L << 30, 90L << 30)),
            Map.of("a", "/dev/drbd1000"));
    StatusSnapshot.Commits c = new StatusSnapshot.Commits(commit, commit, commit);
    return new StatusSnapshot(
        new StatusSnapshot.ReconcilerStatus(
            c, List.of(Condition.of(ConditionType.READY, ready, "Synced", "")), List.of(), null),
        List.of(
            new StatusSnapshot.VolumeStatus(
                v,
                c,
                List.of(Condition.of(ConditionType.READY, ready, ready ? "Ready" : "NotReady", "")),
                null)),
        List.of(
            new StatusSnapshot.NodeStatus(
                n, c, List.of(Condition.of(ConditionType.READY, true, "Observed", "")))),
        "{\"nodes\":{}}\n",
        "# Plan\n\nNo changes.\n");
  }

  @Test
  void commitsStatusWithoutAWorkingTreeAndOnlyWhenSomethingChanged() {
    StatusWriter w = new StatusWriter(source, "strata/status", clock, 3);
    var first = w.write(snapshot(false, "c1"), "cycle 1");
    var committed = assertInstanceOf(StatusWriter.WriteResult.Committed.class, first);
    assertEquals(committed.commit(), cli.inBare("rev-parse", "strata/status").strip());
    String files = cli.inBare("ls-tree", "-r", "--name-only", "strata/status");
    assertEquals(
        List.of(
            "status/last-plan.md",
            "status/nodes/alpha.yaml",
            "status/observed.json",
            "status/reconciler.yaml",
            "status/volumes/a.yaml"),
        files.lines().toList());
    String vol = cli.inBare("show", "strata/status:status/volumes/a.yaml");
    assertTrue(vol.contains("observedCommit: c1"), vol);
    assertTrue(vol.contains("lastTransitionTime: 2026-11-24T06:00:00Z"), vol);
    assertTrue(vol.indexOf("node: alpha") < vol.indexOf("node: beta"), "sorted replicas\n" + vol);
    assertTrue(vol.contains("state: SyncTarget"), vol);
    assertTrue(vol.contains("percentDone: 42.5"), vol);
    assertTrue(vol.contains("devicePath: /dev/drbd1000"), vol);

    // Same content later: no commit, even though the clock moved.
    clock.now = clock.now.plusSeconds(60);
    assertInstanceOf(
        StatusWriter.WriteResult.Unchanged.class, w.write(snapshot(false, "c1"), "cycle 2"));
    assertEquals("1", cli.inBare("rev-list", "--count", "strata/status").strip());

    // A status change moves lastTransitionTime of that condition only.
    clock.now = clock.now.plusSeconds(60);
    assertInstanceOf(
        StatusWriter.WriteResult.Committed.class, w.write(snapshot(true, "c1"), "cycle 3"));
    String vol2 = cli.inBare("show", "strata/status:status/volumes/a.yaml");
    assertTrue(vol2.contains("lastTransitionTime: 2026-11-24T06:02:00Z"), vol2);
    String node2 = cli.inBare("show", "strata/status:status/nodes/alpha.yaml");
    assertTrue(node2.contains("lastTransitionTime: 2026-11-24T06:00:00Z"), node2);
    assertEquals("2", cli.inBare("rev-list", "--count", "strata/status").strip());
    // The manifests branch is untouched.
    assertEquals("1", cli.inBare("rev-list", "--count", "main").strip());
  }

  @Test
  void rebuildsOnTopWhenAnotherWriterMovedTheBranch() {
    StatusWriter w = new StatusWriter(source, "strata/status", clock, 3);
    w.write(snapshot(false, "c1"), "cycle 1");
    Path other = tmp.resolve("other");
    AtomicInteger pushes = new AtomicInteger();
    w.beforePush(
        () -> {
          if (pushes.getAndIncrement() == 0) {
            // Another reconciler instance pushes between our fetch and our push.
            GitCli.git(tmp, "clone", "-q", "-b", "strata/status", cli.bare().toString(), "other");
            GitCli.git(other, "commit", "-q", "--allow-empty", "-m", "other writer");
            GitCli.git(other, "push", "-q", "origin", "strata/status");
          }
        });
    var r = w.write(snapshot(true, "c2"), "cycle 2");
    var c = assertInstanceOf(StatusWriter.WriteResult.Committed.class, r);
    assertEquals(2, c.attempts());
    String log = cli.inBare("log", "--format=%s", "strata/status");
    assertEquals(
        List.of("strata status: cycle 2", "other writer", "strata status: cycle 1"),
        log.lines().toList());
    assertTrue(cli.inBare("show", "strata/status:status/volumes/a.yaml").contains("c2"));
  }

  @Test
  void afterAnotherWritersCommitTheConditionsComeFromItsFilesNotFromMemory() throws Exception {
    StatusWriter w = new StatusWriter(source, "strata/status", clock, 3);
    w.write(snapshot(false, "c1"), "cycle 1"); // Ready False since 06:00, remembered by w
    // another instance (after a failover) recorded Ready True since 05:00 and pushed it
    Path other = tmp.resolve("other");
    GitCli.git(tmp, "clone", "-q", "-b", "strata/status", cli.bare().toString(), "other");
    Path file = other.resolve("status/volumes/a.yaml");
    String theirs =
        java.nio.file.Files.readString(file)
            .replace("status: 'False'", "status: 'True'")
            .replace("2026-11-24T06:00:00Z", "2026-11-24T05:00:00Z");
    assertTrue(theirs.contains("status: 'True'"), theirs);
    java.nio.file.Files.writeString(file, theirs);
    GitCli.git(other, "commit", "-q", "-am", "other writer");
    GitCli.git(other, "push", "-q", "origin", "strata/status");

    clock.now = clock.now.plusSeconds(60);
    w.write(snapshot(true, "c1"), "cycle 2");
    String vol = cli.inBare("show", "strata/status:status/volumes/a.yaml");
    // Ready was already True on the branch: its time carries over from the other writer's file
    assertTrue(vol.contains("lastTransitionTime: 2026-11-24T05:00:00Z"), vol);
  }

  /**
   * The writer reuses observed.json's blob when handed the very same text again (only while the
   * branch is at its own commit); after another writer replaced the file, its text is back.
   */
  @Test
  void theSameObservedTextIsReusedOnlyWhileTheBranchIsTheWritersOwn() {
    StatusWriter w = new StatusWriter(source, "strata/status", clock, 3);
    StatusSnapshot s = snapshot(true, "c1");
    w.write(s, "cycle 1");
    assertInstanceOf(StatusWriter.WriteResult.Unchanged.class, w.write(s, "cycle 2"));
    Path other = tmp.resolve("other");
    GitCli.git(tmp, "clone", "-q", "-b", "strata/status", cli.bare().toString(), "other");
    try {
      java.nio.file.Files.writeString(other.resolve("status/observed.json"), "{}\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    GitCli.git(other, "commit", "-q", "-am", "other writer");
    GitCli.git(other, "push", "-q", "origin", "strata/status");

    assertInstanceOf(StatusWriter.WriteResult.Committed.class, w.write(s, "cycle 3"));
    assertEquals(s.observedJson(), cli.inBare("show", "strata/status:status/observed.json"));
    assertInstanceOf(StatusWriter.WriteResult.Unchanged.class, w.write(s, "cycle 4"));
    assertEquals("3", cli.inBare("rev-list", "--count", "strata/status").strip());
  }

  /**
   * A daemon killed while pushing status to a repository on this machine leaves the ref's lock file
   * in it, and every later push is rejected. A lock that stays in place until it is older than any
   * push holds one is removed and the push goes through, whether the writer finds it old already or
   * fresh (a daemon restarted right after the kill).
   */
  @Test
  void aLockLeftInALocalRemoteByAKilledPushIsRemovedOnceStale() throws Exception {
    StatusWriter w = new StatusWriter(source, "strata/status", clock, 3);
    w.write(snapshot(false, "c1"), "cycle 1");
    Path lock = cli.bare().resolve("refs/heads/strata/status.lock");
    java.nio.file.Files.writeString(lock, "");
    java.nio.file.Files.setLastModifiedTime(
        lock, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60)));
    assertInstanceOf(
        StatusWriter.WriteResult.Committed.class, w.write(snapshot(true, "c2"), "old lock"));
    assertFalse(java.nio.file.Files.exists(lock));
    assertTrue(cli.inBare("show", "strata/status:status/volumes/a.yaml").contains("c2"));

    java.nio.file.Files.writeString(lock, "");
    assertInstanceOf(
        StatusWriter.WriteResult.Committed.class, w.write(snapshot(false, "c3"), "fresh lock"));
    assertFalse(java.nio.file.Files.exists(lock));
    assertTrue(cli.inBare("show", "strata/status:status/volumes/a.yaml").contains("c3"));
  }

  @Test
  void readsBackTheCurrentStatus() {
    StatusWriter w = new StatusWriter(source, "strata/status", clock, 3);
    assertFalse(w.readCurrent(StatusFiles.RECONCILER).isPresent());
    w.write(snapshot(true, "abc"), "cycle");
    byte[] rec = w.readCurrent(StatusFiles.RECONCILER).orElseThrow();
    assertEquals("abc", StatusFiles.readField(rec, "lastAppliedCommit"));
  }

  /**
   * A cycle whose observation failed knows nothing of volumes and nodes: its status commit says why
   * in reconciler.yaml and keeps the last volumes', nodes' and observed.json files, rather than
   * dropping them (every volume's status would vanish, PR previews would plan against "{}"). The
   * next observed cycle's conditions keep their transition times.
   */
  @Test
  void aCycleWithoutAnObservationKeepsTheLastObservedFiles() {
    StatusWriter w = new StatusWriter(source, "strata/status", clock, 3);
    w.write(snapshot(true, "c1"), "cycle 1");
    String vol = cli.inBare("show", "strata/status:status/volumes/a.yaml");
    StatusSnapshot blind =
        new StatusSnapshot(
            new StatusSnapshot.ReconcilerStatus(
                new StatusSnapshot.Commits("c2", "c1", "c2"),
                List.of(Condition.of(ConditionType.READY, false, "ObserveFailed", "boom")),
                List.of(),
                "observe: boom"),
            List.of(),
            List.of(),
            null,
            "# Plan\n\nNo changes.\n");
    clock.now = clock.now.plusSeconds(60);
    assertInstanceOf(StatusWriter.WriteResult.Committed.class, w.write(blind, "cycle 2"));
    assertEquals(vol, cli.inBare("show", "strata/status:status/volumes/a.yaml"));
    assertTrue(cli.inBare("show", "strata/status:status/nodes/alpha.yaml").contains("alpha"));
    assertEquals("{\"nodes\":{}}\n", cli.inBare("show", "strata/status:status/observed.json"));
    assertTrue(
        cli.inBare("show", "strata/status:status/reconciler.yaml").contains("observe: boom"));

    clock.now = clock.now.plusSeconds(60);
    w.write(snapshot(true, "c2"), "cycle 3");
    String vol3 = cli.inBare("show", "strata/status:status/volumes/a.yaml");
    assertTrue(vol3.contains("observedCommit: c2"), vol3);
    assertTrue(vol3.contains("lastTransitionTime: 2026-11-24T06:00:00Z"), vol3);
  }
}
