/**
 * What every layer executor shares: {@link io.strata.executors.layer.Command} (argv + stdin as
 * data), outcomes as values ({@link io.strata.executors.layer.ApplyOutcome}), capabilities as small
 * interfaces ({@link io.strata.executors.layer.Observer}, {@link
 * io.strata.executors.layer.Creator}, {@link io.strata.executors.layer.Resizer}, {@link
 * io.strata.executors.layer.Deleter}, …), and the {@link io.strata.executors.layer.LayerExecutors}
 * dispatcher that observes a node and applies or previews a Change by the kind of its ObjectSpec.
 */
package io.strata.executors.layer;
