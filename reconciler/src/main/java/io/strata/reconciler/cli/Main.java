package io.strata.reconciler.cli;

/** Entry point of the {@code strata} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.err.println("strata: not implemented yet");
    System.exit(1);
  }
}
