package io.strata.executors.layer;

import java.util.Arrays;
import java.util.List;

/**
 * One command as data: the exact argv of the real tool, and what goes to its stdin. {@code
 * secretStdin} marks stdin as key material: it is never printed, logged or shown in a plan. A
 * pseudo command whose argv starts with {@link #WRITE} or {@link #REMOVE} stands for a file
 * operation done through the Host's file API ({@code writeFile}, {@code deleteFile}); plan previews
 * show it as such.
 */
public record Command(List<String> argv, byte[] stdin, boolean secretStdin) {
  /** Pseudo argv[0] for "write this file" (content is not shown). */
  public static final String WRITE = "write";

  /** Pseudo argv[0] for "delete this file" through {@code Host.deleteFile}. */
  public static final String REMOVE = "rm";

  public Command {
    argv = List.copyOf(argv);
    stdin = stdin == null ? new byte[0] : stdin.clone();
  }

  /** A command with empty stdin. */
  public static Command of(String... argv) {
    return new Command(List.of(argv), new byte[0], false);
  }

  /** A command with empty stdin. */
  public static Command of(List<String> argv) {
    return new Command(argv, new byte[0], false);
  }

  /** A command whose stdin carries a secret (never printed). */
  public static Command withSecret(List<String> argv, byte[] secret) {
    return new Command(argv, secret, true);
  }

  /** The preview entry of a file write done through {@code Host.writeFile}. */
  public static Command write(String path) {
    return of(WRITE, path);
  }

  @Override
  public byte[] stdin() {
    return stdin.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Command c
        && c.argv.equals(argv)
        && c.secretStdin == secretStdin
        && Arrays.equals(c.stdin, stdin);
  }

  @Override
  public int hashCode() {
    return argv.hashCode() * 31 + Arrays.hashCode(stdin);
  }

  /** The argv only; stdin is shown as {@code <redacted>} when secret, else by its length. */
  @Override
  public String toString() {
    String in =
        stdin.length == 0
            ? ""
            : secretStdin ? " <stdin: redacted>" : " <stdin: " + stdin.length + " bytes>";
    return String.join(" ", argv) + in;
  }
}
