package io.strata.reconciler.git;

import io.strata.reconciler.config.ConfigException;
import io.strata.reconciler.config.StrataConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Decides whether a commit may be applied ({@code git.verify}). {@code none} accepts every commit.
 * {@code gpg} needs JGit's Bouncy Castle signature verifier ({@code org.eclipse.jgit.gpg.bc}),
 * which is not among Strata's dependencies yet, so {@link #of} refuses to start with it rather than
 * silently applying unverified commits.
 */
public interface CommitVerifier {
  /** The verdict on one commit. */
  sealed interface Verdict {
    /** The commit may be applied. */
    record Trusted(String detail) implements Verdict {}

    /** The commit must not be applied; {@code reason} says why (unsigned, unknown key, …). */
    record Untrusted(String reason) implements Verdict {}
  }

  Verdict verify(RevCommit commit);

  /** Accepts every commit. */
  CommitVerifier NONE = c -> new Verdict.Trusted("verification disabled (git.verify.mode: none)");

  static CommitVerifier of(StrataConfig.Verify verify) {
    return switch (verify.mode()) {
      case "none" -> NONE;
      case "gpg" ->
          throw new ConfigException(
              "git.verify.mode: gpg is not supported yet (JGit's GPG verifier"
                  + " org.eclipse.jgit.gpg.bc is not a Strata dependency) — use mode: none and"
                  + " protect the branch on the Git server, or wait for gpg support");
      default -> throw new ConfigException("git.verify.mode: unknown mode " + verify.mode());
    };
  }
}
