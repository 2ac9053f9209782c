package io.strata.reconciler.git;

import io.strata.reconciler.config.ConfigException;
import io.strata.reconciler.config.StrataConfig;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TrackingRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifests repository as the daemon sees it: a bare mirror under the state folder, fetched
 * from {@code git.url}. Manifests are always read from a commit, so a push that lands while a cycle
 * runs can never be seen half-written. Every change to the mirror runs under {@link #exclusive}, so
 * a process killed at any moment leaves it usable ({@link Mirror}).
 */
public final class GitSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);

  /** Work on the mirror that may fail like JGit does. */
  @FunctionalInterface
  public interface MirrorWork<T> {
    T run() throws IOException, GitAPIException;
  }

  /** Remote-tracking namespace of the mirror. */
  public static final String REMOTE = "origin";

  private final Mirror mirror;
  private final Git git;
  private final String url;
  private final String branch;
  private final String path;
  private final CredentialsProvider credentials;
  private final SshdSessionFactory ssh;
  private final CommitVerifier verifier;

  /** The manifest blobs of the last commit read: unchanged files are not read again. */
  private Map<ObjectId, byte[]> blobs = Map.of();

  private GitSource(
      Mirror mirror,
      Git git,
      String url,
      String branch,
      String path,
      CredentialsProvider credentials,
      SshdSessionFactory ssh,
      CommitVerifier verifier) {
    this.mirror = mirror;
    this.git = git;
    this.url = url;
    this.branch = branch;
    this.path = path;
    this.credentials = credentials;
    this.ssh = ssh;
    this.verifier = verifier;
  }

  /**
   * Opens (creating if needed, or again when a killed process left it unusable) the mirror {@code
   * stateDir/mirror.git} of {@code cfg.git().url()}. Refuses unusable settings (unreadable trusted
   * keys, ssh without pinned host keys) with a {@link ConfigException}.
   */
  public static GitSource open(StrataConfig cfg, Path stateDir, SecretReader secrets) {
    return open(cfg, SourceLocation.resolve(cfg.git().url(), cfg.baseDir()), stateDir, secrets);
  }

  /**
   * Opens the mirror {@code stateDir/mirror.git} of {@code location} with {@code cfg}'s
   * credentials, pinned host keys and commit verification (the CLI's {@code --repo URL} too).
   */
  public static GitSource open(
      StrataConfig cfg, SourceLocation location, Path stateDir, SecretReader secrets) {
    return open(cfg, location, stateDir, secrets, Mirror.Limits.DEFAULT);
  }

  /** {@link #open(StrataConfig, Path, SecretReader)} with other repacking limits (tests). */
  static GitSource open(
      StrataConfig cfg, Path stateDir, SecretReader secrets, Mirror.Limits limits) {
    return open(
        cfg, SourceLocation.resolve(cfg.git().url(), cfg.baseDir()), stateDir, secrets, limits);
  }

  private static GitSource open(
      StrataConfig cfg,
      SourceLocation location,
      Path stateDir,
      SecretReader secrets,
      Mirror.Limits limits) {
    StrataConfig.Git g = cfg.git();
    CommitVerifier verifier = CommitVerifier.of(g.verify(), secrets);
    if (location instanceof SourceLocation.Folder f
        && Files.isDirectory(f.path())
        && !f.isRepository()) {
      throw new ConfigException(
          "git.url: "
              + f.path()
              + " is a folder without a Git repository, and the daemon follows commits — run"
              + " git init and commit there, or point git.url at the repository (a path, a bare"
              + " repository, file://, ssh:// or https://)");
    }
    String url = location.fetchUrl();
    checkUrl(url);
    CredentialsProvider creds = null;
    if (url.startsWith("https://") || url.startsWith("http://")) {
      if (g.tokenRef() != null) {
        creds =
            new UsernamePasswordCredentialsProvider("x-access-token", secrets.read(g.tokenRef()));
      }
    }
    SshdSessionFactory ssh = null;
    if (url.startsWith("ssh://") || url.matches("^[\\w.-]+@[\\w.-]+:.*")) {
      if (g.knownHosts().isEmpty()) {
        throw new ConfigException(
            "git.knownHosts: required for ssh URLs — pin the server's host key, e.g. the output"
                + " of 'ssh-keyscan -t ed25519 HOST'");
      }
      ssh = sshFactory(cfg, stateDir, PinnedHostKeys.parse(g.knownHosts(), cfg.baseDir()));
    }
    Mirror mirror = new Mirror(stateDir, limits);
    try {
      Files.createDirectories(stateDir);
      Git git = mirror.open(url);
      return new GitSource(mirror, git, url, g.branch(), g.path(), creds, ssh, verifier);
    } catch (IOException | GitAPIException e) {
      throw new ConfigException("cannot create the Git mirror under " + stateDir + ": " + e);
    }
  }

  private static SshdSessionFactory sshFactory(
      StrataConfig cfg, Path stateDir, PinnedHostKeys keys) {
    File sshDir = stateDir.resolve("ssh").toFile();
    sshDir.mkdirs();
    return new SshdSessionFactoryBuilder()
        .setHomeDirectory(stateDir.toFile())
        .setSshDirectory(sshDir)
        .setDefaultIdentities(d -> List.of(cfg.ssh().identityFile()))
        .setDefaultKnownHostsFiles(d -> List.of())
        .setServerKeyDatabase((home, dir) -> keys)
        .setPreferredAuthentications("publickey")
        .build(null);
  }

  /** Applies credentials and the pinned-key SSH factory to any JGit transport command. */
  public <C extends TransportCommand<C, ?>> C configure(C cmd) {
    if (credentials != null) {
      cmd.setCredentialsProvider(credentials);
    }
    if (ssh != null) {
      cmd.setTransportConfigCallback(
          t -> {
            if (t instanceof SshTransport st) {
              st.setSshSessionFactory(ssh);
            }
          });
    }
    return cmd;
  }

  /**
   * Fetches every branch of the remote and returns the head of {@code git.branch}; then repacks the
   * mirror if it passed its limits (so its packs, and JGit's memory for them, stay bounded).
   */
  public FetchResult fetch() {
    String tracking = trackingRef(branch);
    try {
      var fetched =
          exclusive(
              () -> {
                var r = configure(git.fetch().setRemote(REMOTE).setRemoveDeletedRefs(true)).call();
                compact();
                return r;
              });
      TrackingRefUpdate u = fetched.getTrackingRefUpdate(tracking);
      if (u != null && !RECORDED.contains(u.getResult())) {
        return new FetchResult.Failed(
            "fetch "
                + url
                + ": the mirror "
                + mirror.dir()
                + " could not record "
                + tracking
                + " ("
                + u.getResult()
                + "); the next cycle tries again — if this persists, stop the daemon and delete"
                + " that folder (it is a cache of the remote)");
      }
    } catch (IOException | GitAPIException | RuntimeException e) {
      return new FetchResult.Failed("fetch " + url + " failed: " + e.getMessage());
    }
    try {
      ObjectId head = git.getRepository().resolve(tracking + "^{commit}");
      if (head == null) {
        return new FetchResult.Failed(
            "branch '" + branch + "' not found in " + url + " — check git.branch in strata.yaml");
      }
      return new FetchResult.Fetched(head.name());
    } catch (IOException e) {
      return new FetchResult.Failed("cannot resolve branch " + branch + ": " + e.getMessage());
    }
  }

  /** A repack that fails does not fail the fetch: the mirror is usable, only larger (warned). */
  private void compact() {
    try {
      mirror.compact(git.getRepository());
    } catch (IOException | GitAPIException | RuntimeException e) {
      LOG.warn(
          "cannot repack the Git mirror {} ({}); its packs, and the daemon's memory for them, grow"
              + " until a repack succeeds",
          mirror.dir(),
          String.valueOf(e.getMessage()));
    }
  }

  private static final Set<RefUpdate.Result> RECORDED =
      EnumSet.of(
          RefUpdate.Result.NEW,
          RefUpdate.Result.FAST_FORWARD,
          RefUpdate.Result.FORCED,
          RefUpdate.Result.NO_CHANGE);

  /**
   * Runs {@code work} with the mirror to itself, across threads and processes; every change to the
   * mirror (fetch, push, ref updates) goes through here so that a lock file JGit left behind when a
   * process was killed never blocks a ref for good.
   */
  public <T> T exclusive(MirrorWork<T> work) throws IOException, GitAPIException {
    return mirror.exclusive(work);
  }

  /** The manifests of {@code commit} under {@code git.path}, keyed by path in the repository. */
  public synchronized Map<String, byte[]> manifests(String commit) throws IOException {
    Map<ObjectId, byte[]> seen = new HashMap<>();
    Map<String, byte[]> files =
        ManifestReader.read(git.getRepository(), ObjectId.fromString(commit), path, blobs, seen);
    blobs = seen;
    return files;
  }

  /** Whether {@code commit} may be applied under {@code git.verify}. */
  public CommitVerifier.Verdict verify(String commit) throws IOException {
    try (RevWalk rw = new RevWalk(git.getRepository())) {
      return verifier.verify(rw.parseCommit(ObjectId.fromString(commit)));
    }
  }

  /** At most this many new commits are verified in one cycle; a longer range is refused. */
  public static final int MAX_VERIFIED_COMMITS = 10_000;

  /**
   * Whether {@code head} may be applied after {@code base} (the last verified commit; null at the
   * first start): under {@code git.verify.mode: gpg} every commit reachable from {@code head} and
   * not from {@code base} must be trusted, not only the head — otherwise one trusted signature on
   * top would carry unsigned or foreign commits in with it (issue 12). Without a base, or when the
   * base is no longer known to the mirror, only the head is verified (a history is vouched for by
   * the signed commit that contains it; first starts would otherwise require a fully signed
   * history). The first untrusted commit, oldest first, is the verdict.
   */
  public CommitVerifier.Verdict verifySince(String base, String head) throws IOException {
    if (verifier == CommitVerifier.NONE) {
      return verify(head);
    }
    try (RevWalk rw = new RevWalk(git.getRepository())) {
      RevCommit top = rw.parseCommit(ObjectId.fromString(head));
      RevCommit from = base == null ? null : known(rw, base);
      if (from == null) {
        return verifier.verify(top);
      }
      rw.markStart(top);
      rw.markUninteresting(from);
      rw.sort(RevSort.TOPO, true);
      rw.sort(RevSort.REVERSE, true);
      List<RevCommit> range = new ArrayList<>();
      for (RevCommit c : rw) {
        range.add(c);
        if (range.size() > MAX_VERIFIED_COMMITS) {
          return new CommitVerifier.Verdict.Untrusted(
              "more than "
                  + MAX_VERIFIED_COMMITS
                  + " new commits since "
                  + base
                  + " — too many to verify in one cycle; push fewer at a time");
        }
      }
      CommitVerifier.Verdict atHead = null;
      for (RevCommit c : range) {
        CommitVerifier.Verdict v = verifier.verify(c);
        if (v instanceof CommitVerifier.Verdict.Untrusted u) {
          if (c.equals(top)) {
            return u;
          }
          return new CommitVerifier.Verdict.Untrusted(
              u.reason()
                  + " (it lies between the last verified commit "
                  + ObjectId.fromString(base).abbreviate(12).name()
                  + " and the head "
                  + top.abbreviate(12).name()
                  + "; every new commit must be trusted — rewrite the branch without it)");
        }
        atHead = c.equals(top) ? v : atHead;
      }
      // an empty range: the branch went back to an ancestor of the base; the head alone decides
      return atHead != null ? atHead : verifier.verify(top);
    }
  }

  private static RevCommit known(RevWalk rw, String id) {
    try {
      return rw.parseCommit(ObjectId.fromString(id));
    } catch (IOException | IllegalArgumentException e) {
      return null; // gone from the mirror (a rewritten branch, gc): the head alone is verified
    }
  }

  public static String trackingRef(String branch) {
    return "refs/remotes/" + REMOTE + "/" + branch;
  }

  public Git git() {
    return git;
  }

  public Repository repository() {
    return git.getRepository();
  }

  public String url() {
    return url;
  }

  /** A push holds a ref's lock for milliseconds; one this old was left by a killed pusher. */
  static final Duration STALE_REF_LOCK = Duration.ofSeconds(5);

  /**
   * Removes {@code ref}'s lock file in the remote when the remote is a repository on this machine
   * and the lock stays in place, unchanged, until it is {@link #STALE_REF_LOCK} old (waiting for
   * that if it is younger): a daemon killed while pushing to it leaves {@code refs/heads/….lock}
   * behind, and every later push of that ref is rejected until someone deletes it (DaemonCrashTest,
   * seeds 28087634585974 and 29050621652871). A live pusher's lock is gone within milliseconds and
   * is left alone. A server's receive-pack guards its own locks; only a local remote is ours to
   * clean. True when a lock was removed.
   */
  public boolean removeStaleRefLock(String ref) {
    Path repo = Path.of(url);
    if (!repo.isAbsolute() || !Files.isDirectory(repo)) {
      return false;
    }
    Path gitDir = Files.isDirectory(repo.resolve(".git")) ? repo.resolve(".git") : repo;
    Path lock = gitDir.resolve(ref + ".lock").normalize();
    if (!lock.startsWith(gitDir.resolve("refs"))) {
      return false;
    }
    try {
      FileTime seen = Files.getLastModifiedTime(lock);
      Duration age = Duration.between(seen.toInstant(), Instant.now());
      if (age.compareTo(STALE_REF_LOCK) < 0) {
        Thread.sleep(STALE_REF_LOCK.minus(age).toMillis());
        if (!seen.equals(Files.getLastModifiedTime(lock))) {
          return false; // another push took it since: someone is alive
        }
      }
      Files.delete(lock);
      LOG.warn(
          "removed {} from {}: a push killed half-way left it, and it blocked every push of {}",
          gitDir.relativize(lock),
          gitDir,
          ref);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (IOException e) {
      LOG.warn("cannot remove the stale lock {}: {}", lock, e.getMessage());
      return false;
    }
  }

  /** Parses the URL the way JGit will, so that a malformed one fails at start, not at 3 a.m. */
  public static void checkUrl(String url) {
    try {
      new URIish(url);
    } catch (URISyntaxException e) {
      throw new ConfigException("git.url: '" + url + "' is not a path or a Git URL");
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
