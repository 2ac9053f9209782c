package io.strata.schema.load;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed, schema-checked documents of the last files loaded, by path: a long-lived loader (the
 * daemon) parses again only the files whose bytes changed. Holds the files of the latest load only.
 * Safe for the loader's parallel reads.
 */
public final class ParsedFiles {
  private record Entry(byte[] bytes, FileOutcome outcome) {}

  private final Map<String, Entry> byPath = new ConcurrentHashMap<>();
  private volatile int reused;

  FileOutcome outcome(String path, byte[] bytes) {
    Entry e = byPath.get(path);
    if (e != null && (e.bytes() == bytes || Arrays.equals(e.bytes(), bytes))) {
      synchronized (this) {
        reused++;
      }
      return e.outcome();
    }
    FileOutcome o = FileOutcome.of(path, bytes);
    byPath.put(path, new Entry(bytes, o));
    return o;
  }

  void retainOnly(Set<String> paths) {
    byPath.keySet().retainAll(paths);
  }

  /** How many files were reused instead of parsed, since this cache was made (for tests). */
  public int reused() {
    return reused;
  }
}
