package io.strata.reconciler.engine;

import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.git.ManifestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Manifests read from a Git commit (for {@code --ref}, PR previews and URLs): the files come from
 * the commit's tree, never from a working tree that may be half-written. A plain folder without
 * {@code --ref} is read as files.
 */
final class ManifestSource {
  private ManifestSource() {}

  static Engine.Desired read(StrataConfig config, String repo, String ref) {
    String url = repo != null ? repo : config.git().url();
    Path local = config.baseDir().resolve(url).normalize();
    boolean isUrl = url.contains("://");
    if (!isUrl && ref == null) {
      Path root = config.git().path().isEmpty() ? local : local.resolve(config.git().path());
      return new Engine.Desired(Manifests.fromDirectory(root).require(), null);
    }
    String branch = ref != null ? ref : config.git().branch();
    try (Repository r = open(isUrl ? url : local.toString())) {
      ObjectId id = r.resolve(branch);
      if (id == null) {
        id = r.resolve("refs/remotes/origin/" + branch);
      }
      if (id == null) {
        throw new UserError(url + ": no commit or branch '" + branch + "' — check --ref");
      }
      try (RevWalk walk = new RevWalk(r)) {
        RevCommit commit = walk.parseCommit(id);
        Map<String, byte[]> files = ManifestReader.read(r, commit, config.git().path());
        return new Engine.Desired(Manifests.fromFiles(files).require(), commit.name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a local repository (work tree or bare), or clones a URL into a temporary bare mirror. */
  static Repository open(String location) throws IOException {
    if (location.contains("://") && !location.startsWith("file://")) {
      Path tmp = Files.createTempDirectory("strata-git-");
      try {
        return Git.cloneRepository()
            .setURI(location)
            .setBare(true)
            .setGitDir(tmp.toFile())
            .call()
            .getRepository();
      } catch (GitAPIException e) {
        throw new UserError(location + ": cannot clone: " + e.getMessage());
      }
    }
    Path p = Path.of(location.replaceFirst("^file://", ""));
    FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true);
    if (Files.isDirectory(p.resolve(".git"))) {
      b.setGitDir(p.resolve(".git").toFile());
    } else {
      b.setGitDir(p.toFile());
    }
    try {
      return b.build();
    } catch (org.eclipse.jgit.errors.RepositoryNotFoundException e) {
      throw new UserError(location + ": not a Git repository — drop --ref to read plain files");
    }
  }
}
