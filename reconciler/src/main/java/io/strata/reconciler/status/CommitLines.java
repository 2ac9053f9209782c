package io.strata.reconciler.status;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A status file whose values changed only in its commits gets the earlier file's bytes with its
 * three commit lines replaced, instead of a dump of the whole file (decision 036). Every status
 * file names the observed commit, so a cycle that sees a new head would otherwise dump every file
 * again: at 10,000 volumes that was most of the cycle. The commit lines are dumped with the same
 * settings, once per distinct triple of commits, so the result is byte for byte what a full dump
 * gives.
 */
final class CommitLines {
  /** The keys {@code StatusFiles} writes one after the other at the top level of every file. */
  static final List<String> KEYS =
      List.of("observedCommit", "lastAppliedCommit", "lastAttemptedCommit");

  private final Map<List<Object>, byte[]> dumped = new HashMap<>();

  /**
   * The bytes of {@code input}, made from {@code before} (the bytes of {@code beforeInput}) when
   * the two differ only in their commits; null when they differ elsewhere or the lines are not
   * found once, at the start of a line, in {@code before} (then the caller dumps the whole file).
   */
  byte[] splice(Map<String, Object> input, Map<?, ?> beforeInput, byte[] before) {
    if (!beforeInput.keySet().containsAll(KEYS) || !input.keySet().containsAll(KEYS)) {
      return null;
    }
    Map<String, Object> same = new LinkedHashMap<>(input);
    for (String k : KEYS) {
      same.put(k, beforeInput.get(k));
    }
    if (!same.equals(beforeInput)) {
      return null;
    }
    byte[] old = lines(beforeInput);
    int at = indexOf(before, old, 0);
    if (at < 0 || (at > 0 && before[at - 1] != '\n') || indexOf(before, old, at + 1) >= 0) {
      return null;
    }
    byte[] now = lines(input);
    byte[] out = new byte[before.length - old.length + now.length];
    System.arraycopy(before, 0, out, 0, at);
    System.arraycopy(now, 0, out, at, now.length);
    System.arraycopy(
        before, at + old.length, out, at + now.length, before.length - at - old.length);
    return out;
  }

  /**
   * The three lines as a dump of the file writes them: keys at column 0, values quoted as needed.
   */
  private byte[] lines(Map<?, ?> values) {
    List<Object> triple =
        Arrays.asList(values.get(KEYS.get(0)), values.get(KEYS.get(1)), values.get(KEYS.get(2)));
    return dumped.computeIfAbsent(
        triple,
        t -> {
          Map<String, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < KEYS.size(); i++) {
            m.put(KEYS.get(i), t.get(i));
          }
          return StatusFiles.yaml(m);
        });
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
