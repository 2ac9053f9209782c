/**
 * Drift alerts: transition tracking (an alert fires once when an object drifts and resolves once
 * when it is back), and delivery to sinks (log, generic JSON webhook, Alertmanager, Slack) on
 * executors of their own with bounded queues and bounded retries, so a slow or dead sink never
 * holds up reconciliation.
 */
package io.strata.reconciler.alert;
