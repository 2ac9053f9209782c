/**
 * The daemon's HTTP listener (JDK HttpServer): {@code POST /hooks/git} (push webhooks from GitHub,
 * Gitea, GitLab or a bare POST, authenticated when a secret is set), {@code /healthz} and {@code
 * /metrics}.
 */
package io.strata.reconciler.http;
