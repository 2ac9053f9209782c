package io.strata.reconciler.engine;

import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.git.FetchResult;
import io.strata.reconciler.git.GitSource;
import io.strata.reconciler.git.ManifestReader;
import io.strata.reconciler.git.SecretReader;
import io.strata.reconciler.git.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The CLI's manifests, from the location {@link SourceLocation} resolves (the same resolver as the
 * daemon's): a local folder without {@code --ref} is read as files; anything else is read from a
 * Git commit ({@code --ref}, default {@code git.branch}), never from a half-written working tree.
 * Remote URLs are fetched with the daemon's {@link GitSource} (pinned host keys, tokens).
 */
final class ManifestSource {
  private ManifestSource() {}

  /** {@code --repo} resolves against the current directory, {@code git.url} against the config. */
  static SourceLocation locate(StrataConfig config, String repo) {
    return repo != null
        ? SourceLocation.resolve(repo, Path.of("").toAbsolutePath())
        : SourceLocation.resolve(config.git().url(), config.baseDir());
  }

  static Engine.Desired read(StrataConfig config, String repo, String ref) {
    SourceLocation at = locate(config, repo);
    String root = config.git().path();
    if (at instanceof SourceLocation.Folder f && ref == null) {
      Path dir = root.isEmpty() ? f.path() : f.path().resolve(root).normalize();
      return new Engine.Desired(Manifests.fromDirectory(dir).require(), null);
    }
    String wanted = ref != null ? ref : config.git().branch();
    if (at instanceof SourceLocation.Remote) {
      return fromRemote(config, at, wanted);
    }
    try (Repository r = open(at, repo, ref)) {
      ObjectId id = resolve(r, wanted);
      if (id == null) {
        throw new UserError(noSuchRef(at, wanted, ref));
      }
      return fromCommit(r, id, root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Engine.Desired fromCommit(Repository r, ObjectId id, String root)
      throws IOException {
    try (RevWalk walk = new RevWalk(r)) {
      RevCommit commit = walk.parseCommit(id);
      Map<String, byte[]> files = ManifestReader.read(r, commit, root);
      return new Engine.Desired(Manifests.fromFiles(files).require(), commit.name());
    }
  }

  /** A branch, tag or commit; a branch a clone only knows as origin/BRANCH counts too. */
  private static ObjectId resolve(Repository r, String ref) throws IOException {
    ObjectId id = r.resolve(ref + "^{commit}");
    return id != null ? id : r.resolve("refs/remotes/origin/" + ref + "^{commit}");
  }

  private static Engine.Desired fromRemote(StrataConfig config, SourceLocation at, String wanted) {
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("strata-git-");
      try (GitSource src = GitSource.open(config, at, tmp, SecretReader.system(config.baseDir()))) {
        if (src.fetch() instanceof FetchResult.Failed f) {
          throw new UserError(f.message());
        }
        ObjectId id = resolve(src.repository(), wanted);
        if (id == null) {
          throw new UserError(noSuchRef(at, wanted, null));
        }
        return fromCommit(src.repository(), id, config.git().path());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static String noSuchRef(SourceLocation at, String wanted, String ref) {
    return at.given()
        + ": no branch, tag or commit '"
        + wanted
        + "'"
        + (ref == null
            ? " (git.branch in strata.yaml) — set git.branch or pass --ref"
            : " — check --ref");
  }

  /**
   * Opens a local repository: a bare one, a {@code file://} URL, or the {@code .git} of a folder.
   */
  static Repository open(SourceLocation at, String repo, String ref) throws IOException {
    FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
    if (at instanceof SourceLocation.Folder f) {
      if (!f.isRepository()) {
        throw new UserError(notARepository(f, repo, ref));
      }
      b.setWorkTree(f.path().toFile()); // .git may be a folder or a gitfile
    } else {
      b.setGitDir(Path.of(at.fetchUrl()).toFile());
    }
    try {
      return b.setup().build();
    } catch (org.eclipse.jgit.errors.RepositoryNotFoundException | IllegalArgumentException e) {
      throw new UserError(
          at.given()
              + ": no Git repository at "
              + at.fetchUrl()
              + " — point "
              + (repo != null ? "--repo" : "git.url")
              + " at a clone, a bare repository or a URL");
    }
  }

  private static String notARepository(SourceLocation.Folder f, String repo, String ref) {
    String where =
        repo != null
            ? "--repo '" + repo + "' (relative to the current directory)"
            : "git.url '" + f.given() + "' (relative to strata.yaml's folder)";
    String why =
        ref != null
            ? "so --ref " + ref + " cannot be read from it"
            : "so its commits cannot be read";
    return f.path()
        + " from "
        + where
        + " is a folder without a Git repository, "
        + why
        + " — point it at a clone, a bare repository or a file://, ssh:// or https:// URL"
        + (ref != null ? ", or leave out --ref to read the folder's files as they are" : "");
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary mirror left behind is harmless
    }
  }
}
