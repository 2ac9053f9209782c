package io.strata.reconciler.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bare mirror {@code stateDir/mirror.git} on disk, usable again after a SIGKILL at any moment.
 * JGit writes objects, refs and config as a temp file renamed into place, so a killed fetch leaves
 * whole files — and lock files ({@code refs/remotes/origin/main.lock}) that make every later update
 * of that ref fail, so the daemon reported "branch 'main' not found" for good. Hence: every change
 * runs under a {@link MirrorLock}, which removes such leftovers; the mirror is made in a side
 * folder and renamed into place; one that cannot be opened is made again. The mirror is only a
 * cache of the remote (status commits are pushed before it records them), so remaking it loses
 * nothing.
 *
 * <p>Every fetch adds a pack, and JGit holds each pack's index in memory once it has searched it
 * (about 28 KiB for a one-commit pack). JGit's own automatic gc kept the packs it had replaced for
 * an hour ({@code gc.prunePackExpire}), so the pack list — and the heap — grew with every cycle,
 * and every fetch past 50 packs repacked everything again. The mirror is instead repacked by {@link
 * #compact} when it holds more than {@link Limits} packs or loose objects, and the packs it
 * replaces are deleted at once: every writer holds the mirror lock, so none can have objects in
 * flight (decision 031).
 */
final class Mirror {
  private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);

  /** The mirror is repacked when it holds more packs or more loose objects than these. */
  record Limits(int packs, int looseObjects) {
    /** Git's own {@code gc.autoPackLimit} and {@code gc.auto}. */
    static final Limits DEFAULT = new Limits(50, 6700);

    Limits {
      if (packs < 1 || looseObjects < 1) {
        throw new IllegalArgumentException(
            "mirror limits must be positive: " + packs + ", " + looseObjects);
      }
    }
  }

  private final Path dir;
  private final Path making;
  private final MirrorLock lock;
  private final Limits limits;

  Mirror(Path stateDir) {
    this(stateDir, Limits.DEFAULT);
  }

  Mirror(Path stateDir, Limits limits) {
    this.dir = stateDir.resolve("mirror.git");
    this.making = stateDir.resolve("mirror.git.new");
    this.lock = new MirrorLock(stateDir.resolve("mirror.lock"), this::removeLeftovers);
    this.limits = limits;
  }

  Path dir() {
    return dir;
  }

  /** Runs {@code work} with the mirror to itself (across threads and processes). */
  <T> T exclusive(GitSource.MirrorWork<T> work) throws IOException, GitAPIException {
    return lock.run(work);
  }

  /** Opens the mirror, making it (again) first when it is missing or unusable. */
  Git open(String url) throws IOException, GitAPIException {
    return exclusive(
        () -> {
          Git git = openUsable();
          if (git == null) {
            git = make();
          }
          StoredConfig c = git.getRepository().getConfig();
          c.setString("remote", GitSource.REMOTE, "url", url);
          c.setString(
              "remote",
              GitSource.REMOTE,
              "fetch",
              "+refs/heads/*:refs/remotes/" + GitSource.REMOTE + "/*");
          // JGit's automatic gc after a fetch keeps the packs it replaced for an hour (the heap
          // grew with every cycle); compact() repacks instead, under the mirror lock
          c.setBoolean("fetch", null, "autogc", false);
          c.setBoolean("gc", null, "autoDetach", false);
          c.save();
          return git;
        });
  }

  /**
   * Repacks {@code repo} (this mirror) into one pack when it holds more than {@link Limits} packs
   * or loose objects, deleting the packs and loose objects it replaced at once; whether it did.
   * Runs under the mirror lock. A kill at any point leaves a usable mirror: JGit renames the new
   * pack into place (pack, then index) before deleting an old one (pack, then index), and what a
   * kill leaves half-way is removed the next time the lock is taken ({@link #removeLeftovers}).
   */
  boolean compact(Repository repo) throws IOException, GitAPIException {
    return exclusive(
        () -> {
          long packs = count(dir.resolve("objects/pack"), 1, Mirror::isPack);
          long loose = count(dir.resolve("objects"), 2, Mirror::isLooseObject);
          if (packs <= limits.packs() && loose <= limits.looseObjects()) {
            return false;
          }
          GC gc = new GC((FileRepository) repo);
          gc.setPackExpireAgeMillis(0);
          gc.setExpireAgeMillis(0);
          try {
            gc.gc().join();
          } catch (ParseException e) {
            throw new IOException(e);
          }
          LOG.info(
              "repacked the Git mirror: {} packs and {} loose objects (limits {} and {}) into {}"
                  + " pack(s)",
              packs,
              loose,
              limits.packs(),
              limits.looseObjects(),
              count(dir.resolve("objects/pack"), 1, Mirror::isPack));
          return true;
        });
  }

  private static long count(Path root, int depth, Predicate<Path> what) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(root, depth)) {
      return all.filter(what).count();
    }
  }

  private static boolean isPack(Path p) {
    return p.getFileName().toString().endsWith(".pack") && Files.isRegularFile(p);
  }

  /** objects/ab/cdef…: a loose object (objects/pack and objects/info do not match). */
  private static boolean isLooseObject(Path p) {
    Path parent = p.getParent();
    return parent != null
        && parent.getFileName().toString().matches("[0-9a-f]{2}")
        && p.getFileName().toString().matches("[0-9a-f]{38}")
        && Files.isRegularFile(p);
  }

  /** The existing mirror, or null (after saying why) when there is none or it is unusable. */
  private Git openUsable() {
    if (!Files.exists(dir)) {
      return null;
    }
    for (String part : List.of("objects", "refs")) {
      if (!Files.isDirectory(dir.resolve(part))) {
        return unusable("no " + part + " folder");
      }
    }
    for (String part : List.of(Constants.HEAD, "config")) {
      if (!Files.isRegularFile(dir.resolve(part))) {
        return unusable("no " + part + " file");
      }
    }
    Git git = null;
    try {
      git = Git.open(dir.toFile());
      Repository r = git.getRepository();
      if (!r.isBare() || r.exactRef(Constants.HEAD) == null) {
        git.close();
        return unusable("not a bare repository with a HEAD");
      }
      return git;
    } catch (IOException | RuntimeException e) {
      if (git != null) {
        git.close();
      }
      return unusable(String.valueOf(e.getMessage()));
    }
  }

  private Git unusable(String why) {
    LOG.warn(
        "the Git mirror {} is unusable ({}) — a start or fetch killed half-way leaves it so;"
            + " making it again from the remote",
        dir,
        why);
    return null;
  }

  /** A new empty mirror, made aside and renamed into place so that no half-made one is seen. */
  private Git make() throws IOException, GitAPIException {
    deleteTree(making);
    deleteTree(dir);
    Files.createDirectories(making.getParent());
    Git.init().setBare(true).setDirectory(making.toFile()).call().close();
    Files.move(making, dir, StandardCopyOption.ATOMIC_MOVE);
    return Git.open(dir.toFile());
  }

  /**
   * Removes JGit lock files (config.lock, HEAD.lock, packed-refs.lock, FETCH_HEAD.lock,
   * gc.log.lock, gc.pid, refs/**.lock and objects/pack/*.keep): with the mirror lock held, no live
   * writer owns one. Git refuses ref names ending in {@code .lock}, so none of these is a ref.
   */
  private void removeLeftovers() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> top = Files.list(dir)) {
      for (Path p : top.filter(f -> isLockFile(f) || isGcPid(f)).toList()) {
        removeLeftover(p);
      }
    }
    Path packs = dir.resolve("objects/pack");
    if (Files.isDirectory(packs)) {
      try (Stream<Path> all = Files.list(packs)) {
        for (Path p : all.filter(Mirror::isPackLeftover).toList()) {
          removeLeftover(p);
        }
      }
    }
    Path refs = dir.resolve("refs");
    if (Files.isDirectory(refs)) {
      try (Stream<Path> all = Files.walk(refs)) {
        for (Path p : all.filter(Mirror::isLockFile).toList()) {
          removeLeftover(p);
        }
      }
    }
  }

  /**
   * What a fetch or a repack killed while installing or deleting a pack leaves in {@code
   * objects/pack}: a fetch writes {@code incoming_*} temporaries, creates the pack's {@code .keep},
   * renames the pack and then its index into place, and removes the {@code .keep} once the refs are
   * updated; a repack ({@link #compact}) writes {@code gc_*_tmp} temporaries, renames them into
   * place the same way, then deletes each old pack before its index, reverse index and bitmap. A
   * pack without its index holds nothing Git can read, and the next fetch, which receives the same
   * pack under the same name, can neither lock nor install it, for good (DaemonCrashTest, seed
   * 17940355093421); an index without its pack is ignored by JGit but would stay for good. No one
   * but JGit writes into this private mirror.
   */
  private static boolean isPackLeftover(Path p) {
    String name = p.getFileName().toString();
    if (!Files.isRegularFile(p)) {
      return false;
    }
    if (name.startsWith("incoming_")
        || name.endsWith(".keep")
        || (name.startsWith("gc_") && name.endsWith("_tmp"))) {
      return true;
    }
    int dot = name.lastIndexOf('.');
    if (!name.startsWith("pack-") || dot < 0) {
      return false;
    }
    String base = name.substring(0, dot);
    return switch (name.substring(dot)) {
      case ".pack" -> Files.notExists(p.resolveSibling(base + ".idx"));
      case ".idx", ".rev", ".bitmap" -> Files.notExists(p.resolveSibling(base + ".pack"));
      default -> false;
    };
  }

  /** JGit's gc writes its pid here while it runs; compact() runs only under the mirror lock. */
  private static boolean isGcPid(Path p) {
    return p.getFileName().toString().equals("gc.pid") && Files.isRegularFile(p);
  }

  private static boolean isLockFile(Path p) {
    return p.getFileName().toString().endsWith(".lock") && Files.isRegularFile(p);
  }

  private void removeLeftover(Path p) throws IOException {
    LOG.warn(
        "removing {} from the Git mirror: a writer killed half-way left it", dir.relativize(p));
    Files.deleteIfExists(p);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
