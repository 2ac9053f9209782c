/**
 * Secrets on the reconciler's host: {@link io.strata.executors.secret.SecretResolver} turns a
 * {@code env:}/{@code file:} reference into bytes, {@link io.strata.executors.secret.ClusterKey}
 * derives per-resource DRBD shared secrets. Values never reach argv, logs, plans or Git.
 */
package io.strata.executors.secret;
