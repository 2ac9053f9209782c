package io.strata.reconciler.engine;

import io.strata.planner.fingerprint.Fingerprint;
import io.strata.planner.json.ObservedJson;
import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.git.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The observed snapshot the daemon committed to the status branch ({@code status/observed.json}):
 * what PR previews plan against, so that CI needs no access to the cluster.
 */
public final class ObservedFromStatus {
  private static final String FILE = "status/observed.json";

  private ObservedFromStatus() {}

  /**
   * Reads the snapshot from the status branch of {@code repo} (the {@code --repo} given, else
   * {@code git.url}), which must be a local clone: CI runs in a checkout of the manifests
   * repository.
   */
  static Engine.Observation read(StrataConfig config, String repo) {
    String location = requireLocal(config, repo);
    String branch = config.git().statusBranch();
    try (Repository r = ManifestSource.open(ManifestSource.locate(config, repo), repo, null)) {
      ObjectId id = r.resolve("refs/heads/" + branch);
      if (id == null) {
        id = r.resolve("refs/remotes/origin/" + branch);
      }
      if (id == null) {
        throw new UserError(
            "no status branch '"
                + branch
                + "' in "
                + location
                + " — the daemon writes it after its first cycle; use --observed-from cluster until then");
      }
      try (RevWalk walk = new RevWalk(r);
          TreeWalk tw = TreeWalk.forPath(r, FILE, walk.parseCommit(id).getTree())) {
        if (tw == null) {
          throw new UserError(
              branch + " has no " + FILE + " — let the daemon finish a cycle first");
        }
        String json = new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        ObservedState state = ObservedJson.read(json);
        return new Engine.Observation(state, Fingerprint.of(state));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository to read the status branch from; a remote URL is refused before any I/O. */
  public static String requireLocal(StrataConfig config, String repo) {
    String location = repo != null ? repo : config.git().url();
    if (ManifestSource.locate(config, repo) instanceof SourceLocation.Remote) {
      String branch = config.git().statusBranch();
      throw new UserError(
          "--observed-from status reads "
              + branch
              + " from a local clone, and "
              + location
              + " is remote — run it in a checkout with --repo . (after git fetch origin "
              + branch
              + ":"
              + branch
              + ")");
    }
    return location;
  }
}
