/** The daemon's Prometheus metrics (client_java 1.x) and their text exposition for /metrics. */
package io.strata.reconciler.metrics;
