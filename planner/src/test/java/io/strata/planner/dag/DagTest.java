package io.strata.planner.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DagTest {

  @Test
  void ordersDependenciesFirstAndBreaksTiesByKey() {
    Dag<String> g = new Dag<>();
    g.dependsOn("c", "a").dependsOn("b", "a").add("z").add("d");
    assertEquals(List.of("a", "b", "c", "d", "z"), g.topologicalOrder());
  }

  @Test
  void namesTheCycle() {
    Dag<String> g = new Dag<>();
    g.dependsOn("a", "b").dependsOn("b", "c").dependsOn("c", "a").dependsOn("d", "a");
    CycleException e = assertThrows(CycleException.class, g::topologicalOrder);
    assertEquals(List.of("a", "b", "c", "a"), e.cycle());
    assertEquals("dependency cycle: a -> b -> c -> a", e.getMessage());
  }

  @Test
  void selfEdgeIsACycle() {
    Dag<String> g = new Dag<>();
    g.dependsOn("a", "a");
    assertEquals(
        List.of("a", "a"), assertThrows(CycleException.class, g::topologicalOrder).cycle());
  }

  @Test
  void dependantsAreTransitive() {
    Dag<Integer> g = new Dag<>();
    g.dependsOn(2, 1).dependsOn(3, 2).dependsOn(4, 1).add(5);
    assertEquals(List.of(2, 3, 4), new ArrayList<>(g.dependantsOf(1)));
    assertEquals(List.of(3), new ArrayList<>(g.dependantsOf(2)));
    assertTrue(g.dependantsOf(5).isEmpty());
    assertEquals(List.of(1), new ArrayList<>(g.dependenciesOf(2)));
  }

  /** Random DAGs (edges only from higher to lower numbers): every edge is respected. */
  @Property(tries = 200)
  void orderRespectsEveryEdge(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll long seed) {
    Random r = new Random(seed);
    Dag<Integer> g = new Dag<>();
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      g.add(i);
      for (int j = 0; j < i; j++) {
        if (r.nextInt(5) == 0) {
          g.dependsOn(i, j);
          edges.add(new int[] {i, j});
        }
      }
    }
    List<Integer> order = g.topologicalOrder();
    assertEquals(n, order.size());
    for (int[] e : edges) {
      assertTrue(order.indexOf(e[1]) < order.indexOf(e[0]));
    }
    // the same graph built in another insertion order gives the same order
    Dag<Integer> h = new Dag<>();
    List<int[]> shuffled = new ArrayList<>(edges);
    Collections.shuffle(shuffled, r);
    for (int i = n - 1; i >= 0; i--) {
      h.add(i);
    }
    shuffled.forEach(e -> h.dependsOn(e[0], e[1]));
    assertEquals(order, h.topologicalOrder());
  }
}
