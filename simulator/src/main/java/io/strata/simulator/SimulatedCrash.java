package io.strata.simulator;

import java.util.List;

/**
 * Thrown by a simulated host to model the calling process dying mid-apply (see {@link
 * Faults#crashAfter}). Whether the command took effect depends on the crash point.
 */
public class SimulatedCrash extends RuntimeException {
  private final String node;
  private final List<String> argv;
  private final Faults.CrashPoint point;

  public SimulatedCrash(String node, List<String> argv, Faults.CrashPoint point) {
    super("simulated crash on " + node + " " + point.name().toLowerCase() + " applying " + argv);
    this.node = node;
    this.argv = List.copyOf(argv);
    this.point = point;
  }

  public String node() {
    return node;
  }

  public List<String> argv() {
    return argv;
  }

  public Faults.CrashPoint point() {
    return point;
  }
}
