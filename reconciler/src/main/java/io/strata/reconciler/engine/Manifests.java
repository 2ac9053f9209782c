package io.strata.reconciler.engine;

import io.strata.schema.load.LoadResult;
import io.strata.schema.load.ManifestLoader;
import io.strata.schema.model.DesiredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loading manifests from a folder or from a commit's files, reduced to what callers need. */
public final class Manifests {
  private Manifests() {}

  /** A loaded repository: either a state (errors empty) or the sorted error lines. */
  public record Loaded(DesiredState state, List<String> errors, String summary) {
    public boolean valid() {
      return errors.isEmpty();
    }

    /** The state, or a {@link InvalidManifestsException} carrying every error. */
    public DesiredState require() {
      if (!valid()) {
        throw new InvalidManifestsException(errors);
      }
      return state;
    }
  }

  public static Loaded fromDirectory(Path root) {
    if (!Files.isDirectory(root)) {
      return new Loaded(
          null,
          List.of(root + ": no such directory — pass the folder that holds your manifests"),
          "");
    }
    return from(ManifestLoader.load(root));
  }

  public static Loaded fromFiles(Map<String, byte[]> files) {
    return from(ManifestLoader.loadBytes(files));
  }

  private static Loaded from(LoadResult r) {
    if (r instanceof LoadResult.Valid v) {
      return new Loaded(v.state(), List.of(), summarize(v));
    }
    LoadResult.Invalid i = (LoadResult.Invalid) r;
    return new Loaded(null, i.errors().stream().map(Object::toString).toList(), "");
  }

  private static String summarize(LoadResult.Valid v) {
    DesiredState s = v.state();
    return String.format(
        "%d documents: %d nodes, %d storage pools, %d templates, %d volumes, %d snapshots",
        v.documents(),
        s.nodes().size(),
        s.pools().size(),
        s.templates().size(),
        s.volumes().size(),
        s.snapshots().size());
  }
}
