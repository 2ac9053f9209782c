/**
 * High availability ({@code ha:} in strata.yaml): every daemon instance joins one Quartz cluster on
 * PostgreSQL's JDBC job store, which elects the instance that runs a repository (a durable,
 * recoverable, non-concurrent "lead" job); a lease row in the same database fences apply, so an
 * instance that lost its turn (dead, paused, partitioned) applies nothing more. Nothing here knows
 * about storage: the daemon plugs the lease into the plan runner as a fence.
 */
package io.strata.reconciler.ha;
