package io.strata.schema.check;

import io.strata.schema.diag.Diagnostic;
import java.util.List;

/** One semantic rule (or a small family of them) over a whole repository. Pure. */
public interface Check {
  List<Diagnostic> check(ManifestSet manifests);
}
