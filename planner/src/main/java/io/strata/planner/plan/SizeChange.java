package io.strata.planner.plan;

/**
 * The size the user asked for and the gross size allocated on this layer (overheads and rounding);
 * for a resize, {@code previous} is the size observed on this layer before it (null otherwise), so
 * that a reviewer sees old → new.
 */
public record SizeChange(long requested, long allocated, Long previous) {
  public SizeChange(long requested, long allocated) {
    this(requested, allocated, null);
  }

  /** This size change for a layer observed at {@code previousBytes} before the resize. */
  public SizeChange from(long previousBytes) {
    return new SizeChange(requested, allocated, previousBytes);
  }
}
