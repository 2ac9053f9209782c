package io.strata.reconciler.git;

/** The outcome of fetching the source: the branch's newest commit, or why it could not be had. */
public sealed interface FetchResult {
  /** The branch head after the fetch. */
  record Fetched(String commit) implements FetchResult {}

  /** The fetch failed (network, authentication, missing branch); the message says what to do. */
  record Failed(String message) implements FetchResult {}
}
