package io.strata.schema.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
  @Test
  void suggestsCloseNamesOnly() {
    List<String> fields = List.of("size", "template", "placement", "access", "protect");
    assertEquals(Optional.of("size"), DidYouMean.suggest("sise", fields));
    assertEquals(Optional.of("template"), DidYouMean.suggest("tempalte", fields));
    assertEquals(Optional.of("access"), DidYouMean.suggest("Access", fields));
    assertEquals(Optional.empty(), DidYouMean.suggest("colour", fields));
    assertEquals(Optional.empty(), DidYouMean.suggest("x", fields));
    assertEquals(Optional.of("drbd"), DidYouMean.suggest("drdb", List.of("drbd", "nvme")));
  }

  @Test
  void distanceCountsTranspositionsAsOneEdit() {
    assertEquals(1, DidYouMean.distance("drdb", "drbd"));
    assertEquals(3, DidYouMean.distance("kitten", "sitting"));
    assertEquals(0, DidYouMean.distance("", ""));
  }
}
