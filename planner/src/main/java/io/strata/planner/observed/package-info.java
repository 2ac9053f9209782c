/**
 * What exists on the nodes, as the executors observed it: per node, per layer, the objects found,
 * whether Strata owns each, and which nodes could not be observed at all (unknown is not empty).
 * Executors build these records from the real tools' output; the planner only reads them.
 */
package io.strata.planner.observed;
