/**
 * What every layer executor shares: {@link io.strata.executors.layer.Command} (argv + stdin as
 * data), outcomes as values ({@link io.strata.executors.layer.ApplyOutcome}), capabilities as small
 * interfaces ({@link io.strata.executors.layer.Observer}, {@link
 * io.strata.executors.layer.Creator}, {@link io.strata.executors.layer.Resizer}, {@link
 * io.strata.executors.layer.Deleter}, …). The dispatcher that puts the backends together lives in
 * {@code stack}, above them, so this package depends on no backend.
 */
package io.strata.executors.layer;
