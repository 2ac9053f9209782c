package io.strata.planner.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.planner.json.ObservedJson;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.samples.SampleObserved;
import org.junit.jupiter.api.Test;

/** An index is made once per observation object, and nothing it hands out can be changed. */
class ObservedIndexTest {
  @Test
  void theSameObservationGetsTheSameIndexAnEqualOneItsOwn() {
    ObservedState s = SampleObserved.cluster();
    ObservedIndex first = ObservedIndex.of(s);
    assertSame(first, ObservedIndex.of(s));
    ObservedState equal = ObservedJson.read(ObservedJson.write(s));
    ObservedIndex other = ObservedIndex.of(equal);
    assertNotSame(first, other);
    assertSame(equal, other.observed());
    assertSame(s, first.observed());
  }

  @Test
  void whatAnIndexHandsOutCannotBeChanged() {
    ObservedIndex idx = ObservedIndex.of(SampleObserved.cluster());
    String volume = idx.ownedVolumes().iterator().next();
    assertFalse(idx.nodes(volume).isEmpty(), volume);
    assertThrows(UnsupportedOperationException.class, () -> idx.storage(volume).clear());
    assertThrows(UnsupportedOperationException.class, () -> idx.drbd(volume).clear());
    assertThrows(UnsupportedOperationException.class, () -> idx.luks(volume).clear());
    assertThrows(UnsupportedOperationException.class, () -> idx.exports(volume).clear());
    assertThrows(UnsupportedOperationException.class, () -> idx.connections(volume).clear());
    assertThrows(UnsupportedOperationException.class, () -> idx.snapshots(volume).clear());
    assertThrows(UnsupportedOperationException.class, () -> idx.zfsClones("volume:x").add("y"));
    // the copies it makes for the allocator are the caller's
    idx.usedMinors().set(0, 1000);
    assertEquals(ObservedIndex.of(SampleObserved.cluster()).usedMinors(), idx.usedMinors());
  }
}
