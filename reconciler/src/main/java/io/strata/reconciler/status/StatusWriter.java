package io.strata.reconciler.status;

import io.strata.reconciler.git.GitSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.zip.Deflater;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits status to the status branch of the manifests repository with no working tree (trees built
 * with a {@link DirCache} and an {@link ObjectInserter}), at most one commit per call and only when
 * the tree differs from the branch head, then pushes it. When another writer moved the branch
 * (non-fast-forward), it fetches, rebuilds on top of the new head and pushes again.
 */
public final class StatusWriter {
  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

  /** What a write did. */
  public sealed interface WriteResult {
    /** A new status commit is on the remote branch. */
    record Committed(String commit, int attempts) implements WriteResult {}

    /** The content equals the branch head: nothing committed. */
    record Unchanged(String head) implements WriteResult {}

    /** The status could not be pushed; the next cycle tries again. */
    record Failed(String message, int attempts) implements WriteResult {}
  }

  private final GitSource source;
  private final String branch;
  private final Clock clock;
  private final int maxAttempts;
  private final PersonIdent ident;
  private Runnable beforePush = () -> {};

  /**
   * The last rendering and the branch commit that holds it (the one this writer pushed, or found
   * unchanged). While the branch head is still that commit, its conditions are known without
   * reading thousands of files back from Git; its bytes are reused whatever the head (decision
   * 034). Only the writing thread (under the mirror's lock) touches it.
   */
  private record Last(
      ObjectId commit,
      SortedMap<String, StatusFiles.Rendered> files,
      Map<String, ObjectId> blobs,
      StatusSnapshot snapshot) {
    Last {
      // text files (observed.json: 34 MB at 10,000 volumes) are rendered afresh every cycle and
      // never reused: remembering them only held their bytes until the next cycle
      files = new TreeMap<>(files);
      files.values().removeIf(r -> r.input() == null);
      // the values only need to compare equal next cycle: kept compact (11,000 files at 10,000
      // volumes)
      files.replaceAll(
          (path, r) ->
              new StatusFiles.Rendered(CompactValues.of(r.input()), r.bytes(), r.conditions()));
    }

    /**
     * The blob of a file whose bytes are the very ones remembered, while the branch head is still
     * the remembered commit (so the blob is in the mirror, reachable): no hash of it is needed.
     */
    ObjectId blob(ObjectId head, String path, byte[] bytes) {
      StatusFiles.Rendered was = files.get(path);
      return at(head) && was != null && was.bytes() == bytes ? blobs.get(path) : null;
    }

    /** Whether the branch head is still the remembered commit. */
    boolean at(ObjectId head) {
      return commit.equals(head);
    }

    /**
     * The blob of {@code observed.json} when {@code json} is the very text it was written from (the
     * daemon hands the same text again while the cluster is unchanged; decision 038), while the
     * branch head is the remembered commit: 34 MB at 10,000 volumes, neither encoded nor hashed.
     */
    ObjectId observedBlob(ObjectId head, String json) {
      return at(head) && json != null && json == snapshot.observedJson()
          ? blobs.get(StatusFiles.OBSERVED)
          : null;
    }

    /**
     * Whether {@code s} would render to this commit's very files: it equals the snapshot this
     * commit was written from (or found unchanged for), and the branch head is still this commit.
     * Its conditions then all carry their times over, so the clock changes nothing either.
     */
    boolean holds(ObjectId head, StatusSnapshot s) {
      return at(head) && s.equals(snapshot);
    }
  }

  private Last last;

  public StatusWriter(GitSource source, String branch, Clock clock, int maxAttempts) {
    this.source = source;
    this.branch = branch;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
    this.ident = new PersonIdent("strata", "strata@localhost");
  }

  /** Test seam: runs between building a commit and pushing it (to simulate another writer). */
  void beforePush(Runnable hook) {
    this.beforePush = hook;
  }

  private String remoteRef() {
    return Constants.R_HEADS + branch;
  }

  /** Commits and pushes the snapshot if it changes anything. */
  public WriteResult write(StatusSnapshot snapshot, String summary) {
    String last = "no attempt";
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        int n = attempt;
        Attempt a = source.exclusive(() -> attempt(snapshot, summary, n));
        if (a.done() != null) {
          return a.done();
        }
        last = a.retryBecause();
      } catch (IOException | GitAPIException | RuntimeException e) {
        last = e.getMessage();
        LOG.warn("status write attempt {} failed: {}", attempt, e.getMessage());
      }
    }
    return new WriteResult.Failed(last, maxAttempts);
  }

  /** One attempt's outcome: a result, or why to rebuild and try again. */
  private record Attempt(WriteResult done, String retryBecause) {}

  /** Fetch, build, push: with the mirror to itself, which push and fetch both update. */
  private Attempt attempt(StatusSnapshot snapshot, String summary, int attempt)
      throws IOException, GitAPIException {
    Repository repo = source.repository();
    fetchStatusBranch();
    ObjectId parent = repo.resolve(GitSource.trackingRef(branch) + "^{commit}");
    Instant now = clock.instant();
    RevCommit parentCommit = parent == null ? null : parse(repo, parent);
    Last known = last;
    if (known != null && known.holds(parent, snapshot)) {
      // an unchanged cycle: nothing to render or hash (decision 038)
      return new Attempt(new WriteResult.Unchanged(parent.name()), null);
    }
    Function<String, List<Condition>> previous;
    if (known != null && known.at(parent)) {
      previous = p -> conditions(known.files().get(p));
    } else {
      Map<String, ObjectId> blobs = blobs(repo, parentCommit);
      previous = p -> previousConditions(repo, blobs.get(p));
    }
    ObjectId observedBlob =
        known == null ? null : known.observedBlob(parent, snapshot.observedJson());
    SortedMap<String, StatusFiles.Rendered> rendered =
        StatusFiles.render(
            observedBlob == null ? snapshot : snapshot.withoutObservedJson(),
            previous,
            now,
            known == null ? Map.of() : known.files());
    Map<String, ObjectId> kept =
        snapshot.observedJson() == null ? observedFiles(repo, parentCommit) : Map.of();
    ObjectId commit;
    Map<String, ObjectId> blobs = new HashMap<>(kept);
    if (observedBlob != null) {
      blobs.put(StatusFiles.OBSERVED, observedBlob);
    }
    try (ObjectInserter ins = inserter(repo)) {
      ObjectId tree =
          tree(
              ins,
              rendered,
              (path, bytes) -> known == null ? null : known.blob(parent, path, bytes),
              blobs);
      // with kept files the memory would lack their conditions: the next write reads Git
      if (parentCommit != null && parentCommit.getTree().getId().equals(tree)) {
        last = kept.isEmpty() ? new Last(parent, rendered, blobs, snapshot) : null;
        return new Attempt(new WriteResult.Unchanged(parent.name()), null);
      }
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(tree);
      if (parent != null) {
        cb.setParentId(parent);
      }
      PersonIdent who = new PersonIdent(ident, now);
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage("strata status: " + summary + "\n");
      commit = ins.insert(cb);
      ins.flush();
    }
    beforePush.run();
    RemoteRefUpdate.Status st = push(commit);
    return switch (st) {
      case OK, UP_TO_DATE -> {
        setTracking(repo, commit);
        last = kept.isEmpty() ? new Last(commit, rendered, blobs, snapshot) : null;
        yield new Attempt(new WriteResult.Committed(commit.name(), attempt), null);
      }
      case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED, REJECTED_OTHER_REASON -> {
        LOG.info("status push rejected ({}), rebuilding on the new head", st);
        if (st == RemoteRefUpdate.Status.REJECTED_OTHER_REASON) {
          source.removeStaleRefLock(remoteRef()); // a lock a killed push left (GitSource)
        }
        yield new Attempt(null, "push rejected (" + st + ")");
      }
      default -> new Attempt(new WriteResult.Failed("status push failed: " + st, attempt), null);
    };
  }

  /**
   * A file of the status branch head as last fetched, if present (e.g. to resume after restart).
   */
  public Optional<byte[]> readCurrent(String path) {
    try {
      source.exclusive(
          () -> {
            fetchStatusBranch();
            return null;
          });
    } catch (IOException | GitAPIException | RuntimeException e) {
      LOG.warn("cannot fetch the status branch: {}", e.getMessage());
    }
    try {
      Repository repo = source.repository();
      ObjectId head = repo.resolve(GitSource.trackingRef(branch) + "^{commit}");
      return head == null ? Optional.empty() : blob(repo, parse(repo, head), path);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void fetchStatusBranch() throws GitAPIException {
    boolean exists =
        source
            .configure(source.git().lsRemote().setRemote(GitSource.REMOTE).setHeads(true))
            .call()
            .stream()
            .anyMatch(r -> r.getName().equals(remoteRef()));
    if (exists) {
      source
          .configure(
              source
                  .git()
                  .fetch()
                  .setRemote(GitSource.REMOTE)
                  .setRefSpecs(
                      new RefSpec("+" + remoteRef() + ":" + GitSource.trackingRef(branch))))
          .call();
    }
  }

  private RemoteRefUpdate.Status push(ObjectId commit) throws GitAPIException {
    Iterable<PushResult> results =
        source
            .configure(
                source
                    .git()
                    .push()
                    .setRemote(GitSource.REMOTE)
                    .setRefSpecs(new RefSpec(commit.name() + ":" + remoteRef())))
            .call();
    for (PushResult r : results) {
      RemoteRefUpdate u = r.getRemoteUpdate(remoteRef());
      if (u != null) {
        return u.getStatus();
      }
    }
    return RemoteRefUpdate.Status.REJECTED_OTHER_REASON;
  }

  private void setTracking(Repository repo, ObjectId commit) throws IOException {
    RefUpdate u = repo.updateRef(GitSource.trackingRef(branch));
    u.setNewObjectId(commit);
    u.setForceUpdate(true);
    u.update();
  }

  /**
   * Writes a status commit's new objects as one pack: a loose object costs a temporary file, a
   * rename and a directory each, which was most of a status write at 10,000 volumes (decision 036).
   * The mirror repacks past 50 packs (decision 031). Any other object database: its own.
   */
  private static ObjectInserter inserter(Repository repo) {
    if (repo.getObjectDatabase() instanceof ObjectDirectory dir) {
      PackInserter ins = dir.newPackInserter();
      // small YAML files: the fastest level costs a third of the default's time, a few % of size
      ins.setCompressionLevel(Deflater.BEST_SPEED);
      // A status commit's files are new (each names the commit observed): looking each one up in
      // every pack of the mirror first found none, and cost 50-80 ms of a write at 10,000 volumes
      // (A/B, 17 packs). A blob that does exist in another pack is stored twice, which Git reads
      // either way and the next repack (decision 031) drops.
      ins.checkExisting(false);
      return ins;
    }
    return repo.newObjectInserter();
  }

  private static RevCommit parse(Repository repo, ObjectId id) throws IOException {
    try (RevWalk rw = new RevWalk(repo)) {
      return rw.parseCommit(id);
    }
  }

  /**
   * What a cycle without an observation keeps of the previous status: the volumes' and nodes' files
   * and {@code observed.json}. Such a cycle (its observation failed) knows nothing of them;
   * dropping them would make every volume's status vanish and PR previews plan against nothing.
   */
  private static Map<String, ObjectId> observedFiles(Repository repo, RevCommit parent)
      throws IOException {
    Map<String, ObjectId> out = new HashMap<>();
    blobs(repo, parent)
        .forEach(
            (path, id) -> {
              if (path.startsWith("status/volumes/")
                  || path.startsWith("status/nodes/")
                  || path.equals(StatusFiles.OBSERVED)) {
                out.put(path, id);
              }
            });
    return out;
  }

  /**
   * The tree of the rendered files and of those already in {@code blobs} (kept from the previous
   * commit); {@code known} gives the blob of a rendered file that needs no insert (no hash), and
   * {@code blobs} receives every rendered file's blob.
   */
  private static ObjectId tree(
      ObjectInserter ins,
      SortedMap<String, StatusFiles.Rendered> files,
      BiFunction<String, byte[], ObjectId> known,
      Map<String, ObjectId> blobs)
      throws IOException {
    DirCache dc = DirCache.newInCore();
    DirCacheBuilder b = dc.builder();
    for (Map.Entry<String, StatusFiles.Rendered> f : files.entrySet()) {
      byte[] bytes = f.getValue().bytes();
      ObjectId id = known.apply(f.getKey(), bytes);
      if (id == null) {
        id = ins.insert(Constants.OBJ_BLOB, bytes);
      }
      blobs.put(f.getKey(), id);
    }
    for (Map.Entry<String, ObjectId> f : new TreeMap<>(blobs).entrySet()) {
      DirCacheEntry e = new DirCacheEntry(f.getKey());
      e.setFileMode(FileMode.REGULAR_FILE);
      e.setObjectId(f.getValue());
      b.add(e);
    }
    b.finish();
    return dc.writeTree(ins);
  }

  private static Optional<byte[]> blob(Repository repo, RevCommit commit, String path)
      throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
      if (tw == null) {
        return Optional.empty();
      }
      return Optional.of(repo.open(tw.getObjectId(0)).getBytes());
    }
  }

  /**
   * Every file of {@code commit} (none without one) with its blob: one walk of the tree. A lookup
   * per path ({@code TreeWalk.forPath}) scans the volumes' directory from the top each time, which
   * is quadratic in the number of volumes.
   */
  private static Map<String, ObjectId> blobs(Repository repo, RevCommit commit) throws IOException {
    Map<String, ObjectId> out = new HashMap<>();
    if (commit == null) {
      return out;
    }
    try (TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(commit.getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        out.put(tw.getPathString(), tw.getObjectId(0));
      }
    }
    return out;
  }

  private static List<Condition> conditions(StatusFiles.Rendered file) {
    return file == null ? List.of() : file.conditions();
  }

  private static List<Condition> previousConditions(Repository repo, ObjectId blob) {
    if (blob == null) {
      return List.of();
    }
    try {
      return StatusFiles.readConditions(repo.open(blob).getBytes());
    } catch (IOException e) {
      return List.of();
    }
  }
}
