/**
 * A generic directed acyclic graph with {@code dependsOn} edges: cycle detection that names the
 * cycle, a deterministic topological order (Kahn's algorithm with a sorted ready set, so ties break
 * by key), and transitive dependants. It knows nothing about storage.
 */
package io.strata.planner.dag;
