package io.strata.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persistent cluster's operation log, {@code commands.jsonl} in the state folder: one JSON
 * object per operation, in the order the operations ran across every process sharing the folder
 * ({@code strata sim log}). Appended under the folder's lock in the same transaction as the
 * operation, so the line order is the execution order and {@code seq} (the line's place in the
 * cluster-wide sequence, recorded at execution time) keeps counting across processes.
 *
 * <p>Lines: {@code {"seq":7,"node":"alpha","argv":["lvcreate",…],"exit":0}} for a command ({@code
 * "injected":true} when a fault answered it), {@code {"seq":8,"node":"alpha","write":"/etc/…"}} and
 * {@code {"seq":9,"node":"alpha","delete":"/etc/…"}} for file operations; every line also carries
 * the sending process's {@code pid} and when the operation {@code started} and {@code ended} (epoch
 * ms), which is how the HA tests tell which daemon did what. Past {@link #LIMIT_BYTES} the older
 * half is dropped (a daemon's observations would otherwise grow it forever).
 */
final class CommandLogFile {
  static final String NAME = "commands.jsonl";
  static final long LIMIT_BYTES = 8L << 20;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String WRITE = "writeFile";
  private static final String DELETE = "deleteFile";
  private static final long PID = ProcessHandle.current().pid();

  private final Path file;
  private final boolean readOnly;
  private final AppendChannel log;
  private final long limitBytes;
  // the last sequence number in the file as of the stamp (inode, size) it had then
  private Object stampKey;
  private long stampSize = -1;
  private long lastSeq;
  private boolean cutShort; // the last line has no newline (a crash mid-append)

  CommandLogFile(Path stateDir, boolean readOnly) {
    this(stateDir, readOnly, LIMIT_BYTES);
  }

  /** A log trimmed past {@code limitBytes} (tests use a small one). */
  CommandLogFile(Path stateDir, boolean readOnly, long limitBytes) {
    this.file = stateDir.resolve(NAME);
    this.readOnly = readOnly;
    this.limitBytes = limitBytes;
    this.log = new AppendChannel(file);
  }

  /**
   * Appends {@code node}'s operation and returns its sequence number; the caller holds the folder's
   * lock. A read-only cluster ({@code strata plan}) persists nothing and numbers from the file on.
   * Only numbering and writing are serialised: the line is rendered before.
   */
  CommandRecord append(
      String node, List<String> argv, int exitCode, boolean injected, long started) {
    long ended = System.currentTimeMillis();
    String tail = tail(node, argv, exitCode, injected, PID, started, ended);
    synchronized (this) {
      try {
        BasicFileAttributes a = log.attributes();
        if (a == null || !Objects.equals(a.fileKey(), stampKey) || a.size() != stampSize) {
          cutShort = false;
          lastSeq = a == null ? 0 : lastSeqInFile();
        }
        CommandRecord r =
            new CommandRecord(lastSeq + 1, node, argv, exitCode, injected, PID, started, ended);
        if (readOnly) {
          return r;
        }
        if (a != null && a.size() > limitBytes) {
          dropOlderHalf();
          a = log.attributes();
        }
        byte[] bytes =
            ((cutShort ? "\n" : "") + line(r.seq(), tail) + "\n").getBytes(StandardCharsets.UTF_8);
        log.append(bytes, a);
        lastSeq = r.seq();
        cutShort = false;
        stampKey = log.key();
        stampSize = (a == null ? 0 : a.size()) + bytes.length;
        return r;
      } catch (IOException e) {
        throw new UncheckedIOException("simulated command log " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Every operation in the file, in order (lines cut short by a crash are skipped). */
  List<CommandRecord> read() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("simulated command log " + file + ": " + e.getMessage(), e);
    }
    List<CommandRecord> out = new ArrayList<>(lines.size());
    lines.forEach(l -> parse(l).ifPresent(out::add));
    return out;
  }

  /** Empties the log; numbering starts again at 1. */
  synchronized void clear() {
    if (readOnly) {
      return;
    }
    try {
      log.close();
      Files.deleteIfExists(file);
      stampSize = -1;
      lastSeq = 0;
    } catch (IOException e) {
      throw new UncheckedIOException("simulated command log " + file + ": " + e.getMessage(), e);
    }
  }

  /** The JSON line of one operation ({@code strata sim log --format json} prints these). */
  static String line(CommandRecord r) {
    return line(
        r.seq(),
        tail(
            r.node(),
            r.argv(),
            r.exitCode(),
            r.injected(),
            r.pid(),
            r.startedMillis(),
            r.endedMillis()));
  }

  private static String line(long seq, String tail) {
    return "{\"seq\":" + seq + "," + tail.substring(1);
  }

  /** The line without its leading {@code seq}: {@code {"node":…}}. */
  private static String tail(
      String node,
      List<String> argv,
      int exitCode,
      boolean injected,
      long pid,
      long started,
      long ended) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", node);
    if (argv.size() == 2 && argv.get(0).equals(WRITE)) {
      m.put("write", argv.get(1));
    } else if (argv.size() == 2 && argv.get(0).equals(DELETE)) {
      m.put("delete", argv.get(1));
    } else {
      m.put("argv", argv);
      m.put("exit", exitCode);
      if (injected) {
        m.put("injected", true);
      }
    }
    m.put("pid", pid);
    m.put("started", started);
    m.put("ended", ended);
    return JSON.writeValueAsString(m);
  }

  static Optional<CommandRecord> parse(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      if (n == null || !n.isObject() || !n.has("seq") || !n.has("node")) {
        return Optional.empty();
      }
      List<String> argv = new ArrayList<>();
      if (n.has("write")) {
        argv.addAll(List.of(WRITE, n.get("write").asString()));
      } else if (n.has("delete")) {
        argv.addAll(List.of(DELETE, n.get("delete").asString()));
      } else {
        n.get("argv").forEach(a -> argv.add(a.asString()));
      }
      return Optional.of(
          new CommandRecord(
              n.get("seq").asLong(),
              n.get("node").asString(),
              argv,
              n.has("exit") ? n.get("exit").asInt() : 0,
              n.has("injected") && n.get("injected").asBoolean(),
              n.path("pid").asLong(0),
              n.path("started").asLong(0),
              n.path("ended").asLong(0)));
    } catch (JacksonException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** The seq of the last complete line, reading only the file's tail. */
  private long lastSeqInFile() throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      int tail = (int) Math.min(len, 64 * 1024);
      byte[] buf = new byte[tail];
      f.seek(len - tail);
      f.readFully(buf);
      cutShort = tail > 0 && buf[tail - 1] != '\n';
      String[] lines = new String(buf, StandardCharsets.UTF_8).split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        Optional<CommandRecord> r = parse(lines[i]);
        if (r.isPresent()) {
          return r.get().seq();
        }
      }
      return 0;
    }
  }

  /**
   * Drops the lines before the middle of the file, as bytes: a daemon trims 8 MB every 2 cycles.
   */
  private void dropOlderHalf() throws IOException {
    byte[] all = Files.readAllBytes(file);
    int from = all.length / 2;
    while (from > 0 && from < all.length && all[from - 1] != '\n') {
      from++; // the first line that starts in the second half
    }
    Path tmp = file.resolveSibling("." + NAME + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      out.write(all, from, all.length - from);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
