package io.strata.executors.host;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The outcome of one command: exit code and captured output. {@code timedOut} implies a failure.
 */
public record Result(
    List<String> argv, int exitCode, byte[] stdout, byte[] stderr, boolean timedOut) {
  public Result {
    argv = List.copyOf(argv);
  }

  public static Result ok(List<String> argv, String stdout) {
    return new Result(argv, 0, stdout.getBytes(StandardCharsets.UTF_8), new byte[0], false);
  }

  public static Result failed(List<String> argv, int code, String stderr) {
    return new Result(argv, code, new byte[0], stderr.getBytes(StandardCharsets.UTF_8), false);
  }

  public boolean success() {
    return exitCode == 0 && !timedOut;
  }

  public String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  public String err() {
    return new String(stderr, StandardCharsets.UTF_8);
  }
}
