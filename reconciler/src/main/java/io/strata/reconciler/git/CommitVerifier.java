package io.strata.reconciler.git;

import io.strata.reconciler.config.ConfigException;
import io.strata.reconciler.config.StrataConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Decides whether a commit may be applied ({@code git.verify}). {@code none} accepts every commit;
 * {@code gpg} accepts only commits carrying a valid OpenPGP signature by one of {@code
 * git.verify.trustedKeys} ({@link GpgCommitVerifier}).
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

  /**
   * The verifier {@code git.verify} asks for. For {@code gpg} the trusted keys ({@code file:PATH}
   * relative to the config folder, or {@code env:NAME}) are read through {@code keys} now, so a
   * missing or malformed key stops the start with a {@link ConfigException} instead of failing
   * every commit later.
   */
  static CommitVerifier of(StrataConfig.Verify verify, SecretReader keys) {
    return switch (verify.mode()) {
      case "none" -> NONE;
      case "gpg" -> new GpgCommitVerifier(TrustedKeys.load(verify.trustedKeys(), keys));
      default ->
          throw new ConfigException(
              "git.verify.mode: unknown mode '" + verify.mode() + "' — use none or gpg");
    };
  }
}
