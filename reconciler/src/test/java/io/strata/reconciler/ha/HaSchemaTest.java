package io.strata.reconciler.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Schema creation skips what exists by the name each statement creates: every statement must name
 * its table or index, and no two the same, or one would be skipped or run against another's lock.
 */
class HaSchemaTest {
  @Test
  void everyStatementNamesWhatItCreates() {
    List<String> statements = new ArrayList<>(HaSchema.quartzStatements());
    statements.add(HaSchema.LEASE_TABLE);
    List<String> names = statements.stream().map(HaSchema::createdName).toList();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      assertTrue(
          name.matches("(qrtz_|idx_qrtz_|strata_lease)[a-z0-9_]*"),
          name + " of " + statements.get(i));
    }
    assertEquals(names.size(), new HashSet<>(names).size(), names.toString());
    assertTrue(names.contains("qrtz_locks") && names.contains("strata_lease"), names.toString());
    assertEquals(
        "idx_qrtz_t_next_fire_time",
        HaSchema.createdName(
            "CREATE INDEX IF NOT EXISTS idx_qrtz_t_next_fire_time on qrtz_triggers(NEXT_FIRE_TIME)"));
  }
}
