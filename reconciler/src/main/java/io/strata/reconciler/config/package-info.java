/**
 * {@code strata.yaml}: the reconciler's own settings (ARCHITECTURE.md §12), kept apart from the
 * manifests. It holds references to secrets, never secrets. Every field has a default.
 */
package io.strata.reconciler.config;
