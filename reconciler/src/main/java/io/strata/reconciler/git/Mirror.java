package io.strata.reconciler.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
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
 */
final class Mirror {
  private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);

  private final Path dir;
  private final Path making;
  private final MirrorLock lock;

  Mirror(Path stateDir) {
    this.dir = stateDir.resolve("mirror.git");
    this.making = stateDir.resolve("mirror.git.new");
    this.lock = new MirrorLock(stateDir.resolve("mirror.lock"), this::removeLeftovers);
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
          // JGit's automatic gc after a fetch runs on a thread of its own by default, taking lock
          // files outside the mirror lock; in the foreground it runs inside the fetch, under it
          c.setBoolean("gc", null, "autoDetach", false);
          c.save();
          return git;
        });
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
   * gc.log.lock, refs/**.lock and objects/pack/*.keep): with the mirror lock held, no live writer
   * owns one. Git refuses ref names ending in {@code .lock}, so none of these is a ref.
   */
  private void removeLeftovers() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> top = Files.list(dir)) {
      for (Path p : top.filter(Mirror::isLockFile).toList()) {
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
   * What a fetch killed while installing its pack leaves in {@code objects/pack}: JGit writes
   * {@code incoming_*} temporaries, creates the pack's {@code .keep}, renames the pack and then its
   * index into place, and removes the {@code .keep} once the refs are updated. A pack without its
   * index holds nothing Git can read, and the next fetch, which receives the same pack under the
   * same name, can neither lock nor install it, for good (DaemonCrashTest, seed 17940355093421). No
   * one but JGit writes into this private mirror.
   */
  private static boolean isPackLeftover(Path p) {
    String name = p.getFileName().toString();
    if (!Files.isRegularFile(p)) {
      return false;
    }
    if (name.startsWith("incoming_") || name.endsWith(".keep")) {
      return true;
    }
    return name.endsWith(".pack")
        && Files.notExists(p.resolveSibling(name.substring(0, name.length() - 5) + ".idx"));
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
