package io.strata.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persistent cluster's file-read log, {@code reads.jsonl} in the state folder: one line per
 * {@code readFile}, {@code list} or {@code readTree} a process made, {@code
 * {"node","op","path","pid","started","ended"}}. Over SSH each is one round trip, so {@code
 * bench/run} counts them per no-op cycle ({@code observe_reads}). Kept apart from {@code
 * commands.jsonl}: reads are not commands, and tests compare that log with plans. Past {@link
 * #LIMIT_BYTES} the file starts over (the previous one is kept as {@code reads.jsonl.1}).
 */
final class ReadLogFile {
  static final String NAME = "reads.jsonl";
  static final long LIMIT_BYTES = 8L << 20;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long PID = ProcessHandle.current().pid();

  private final Path file;
  private final AppendChannel log;

  ReadLogFile(Path stateDir) {
    this.file = stateDir.resolve(NAME);
    this.log = new AppendChannel(file);
  }

  /** Forgets every read ({@code strata sim reset}). */
  synchronized void clear() {
    try {
      log.close();
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(NAME + ".1"));
    } catch (IOException e) {
      throw new UncheckedIOException("simulated read log " + file + ": " + e.getMessage(), e);
    }
  }

  void append(String node, String op, String path, long started) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", node);
    m.put("op", op);
    m.put("path", path);
    m.put("pid", PID);
    m.put("started", started);
    m.put("ended", System.currentTimeMillis());
    byte[] line = (JSON.writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      try {
        BasicFileAttributes a = log.attributes();
        if (a != null && a.size() > LIMIT_BYTES) {
          Files.move(file, file.resolveSibling(NAME + ".1"), StandardCopyOption.REPLACE_EXISTING);
          a = null;
        }
        log.append(line, a);
      } catch (IOException e) {
        throw new UncheckedIOException("simulated read log " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
