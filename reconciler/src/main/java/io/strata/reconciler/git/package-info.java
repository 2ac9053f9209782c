/**
 * The Git source: a bare local mirror of {@code git.url} fetched with JGit, manifests read from a
 * commit's tree (never from a working tree that could be half-written), commit verification ({@code
 * git.verify}: OpenPGP signatures checked against the configured public keys only), and the
 * transport settings (pinned SSH host keys, HTTPS tokens from secret references).
 */
package io.strata.reconciler.git;
