/**
 * The JSON codecs of the planner's public data: the saved plan ({@code strata.plan/v1},
 * ARCHITECTURE.md §7) and the observed state ({@code status/observed.json}, golden cases).
 *
 * <p>Both are written field by field rather than by reflection, so that the key order is fixed,
 * maps are sorted and the output is byte-stable across runs and JVMs. Readers ignore fields they do
 * not know (v1 may gain fields, never rename them) and reject everything else with a message that
 * names the file, the JSON path and what to do.
 */
package io.strata.planner.json;
