package io.strata.planner.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.strata.schema.model.Layer;
import io.strata.schema.model.Metadata;
import io.strata.schema.model.ResourceTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncRateTest {
  static ResourceTemplate template(Map<String, String> options) {
    return new ResourceTemplate(
        Metadata.named("t"),
        List.of(Layer.DRBD, Layer.STORAGE),
        new ResourceTemplate.DrbdOptions("C", "majority", false, options),
        null,
        null,
        null);
  }

  @Test
  void drbdRatesAreKibPerSecondUnlessSuffixed() {
    assertEquals(102400L * 1024, SyncRate.parse("102400"));
    assertEquals(4096L * 1024, SyncRate.parse("4096k"));
    assertEquals(100L << 20, SyncRate.parse("100M"));
    assertEquals(1L << 30, SyncRate.parse("1G"));
    assertEquals(0, SyncRate.parse("fast"));
    assertEquals(0, SyncRate.parse("99999999999999999999"));
    assertEquals(0, SyncRate.parse(null));
  }

  @Test
  void theDynamicControllerCapsAtCMaxRateOtherwiseResyncRateCounts() {
    assertEquals(
        250L << 20,
        SyncRate.of(template(Map.of("c-max-rate", "250M", "resync-rate", "10M")), 0)
            .bytesPerSecond());
    // c-plan-ahead 0 turns the dynamic controller off: resync-rate is the rate
    assertEquals(
        10L << 20,
        SyncRate.of(
                template(Map.of("c-plan-ahead", "0", "c-max-rate", "250M", "resync-rate", "10M")),
                0)
            .bytesPerSecond());
    // the explicit disk.-prefixed spelling is the same option
    assertEquals(
        250L << 20, SyncRate.of(template(Map.of("disk.c-max-rate", "250M")), 0).bytesPerSecond());
  }

  @Test
  void theLowerOfTemplateAndConfigWinsAndNeitherMeansUnknown() {
    SyncRate both = SyncRate.of(template(Map.of("c-max-rate", "250M")), 100L << 20);
    assertEquals(100L << 20, both.bytesPerSecond());
    assertEquals("reconcile.syncRate", both.source());
    SyncRate none = SyncRate.of(template(Map.of()), 0);
    assertFalse(none.known());
    assertNull(none.eta(1L << 40));
    assertEquals(11, SyncRate.of(template(Map.of()), 100).eta(1001));
  }
}
