package io.strata.reconciler.engine;

import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.git.SourceLocation;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which reconciler instance wrote the status branch last: the {@code Strata-Instance:} trailer of
 * its newest commit (HA deployments put it on every status commit). This is what {@code strata
 * status} shows as the active instance — read from Git, so it needs no access to the database.
 */
public final class StatusBranchInstance {
  private static final Pattern TRAILER = Pattern.compile("(?m)^Strata-Instance: (\\S+)\\s*$");

  /** The instance and when it committed the status it shows. */
  public record Writer(String instanceId, Instant committedAt, String commit) {}

  private StatusBranchInstance() {}

  /**
   * The last status commit's writer; empty when the repository is remote (not read here), has no
   * status branch yet, or its last status commit carries no trailer (a deployment without HA).
   */
  public static Optional<Writer> read(StrataConfig config, String repo) {
    if (ManifestSource.locate(config, repo) instanceof SourceLocation.Remote) {
      return Optional.empty();
    }
    String branch = config.git().statusBranch();
    try (Repository r = ManifestSource.open(ManifestSource.locate(config, repo), repo, null)) {
      if (r == null) {
        return Optional.empty();
      }
      ObjectId id = r.resolve("refs/heads/" + branch);
      if (id == null) {
        id = r.resolve("refs/remotes/origin/" + branch);
      }
      if (id == null) {
        return Optional.empty();
      }
      try (RevWalk walk = new RevWalk(r)) {
        RevCommit c = walk.parseCommit(id);
        Matcher m = TRAILER.matcher(c.getFullMessage());
        return m.find()
            ? Optional.of(
                new Writer(m.group(1), Instant.ofEpochSecond(c.getCommitTime()), id.getName()))
            : Optional.empty();
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a folder that is not a Git repository has no status branch
    }
  }
}
