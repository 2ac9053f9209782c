package io.strata.simulator.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON files of a state folder with a parsed-form cache. A file is re-read only when its stamp
 * (inode, modification time, size) changed — every write is a rename of a new file, so another
 * process's write always changes the inode — and re-parsed only when its bytes changed. Callers
 * hold the folder's lock.
 */
final class StateFiles {
  // compact: the files are read by machines; indenting tripled their size and the time to write
  // them
  static final JsonMapper JSON =
      JsonMapper.builder()
          // state files written by an older version stay readable when fields are added
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private record Stamp(Object fileKey, FileTime modified, long size) {
    static Optional<Stamp> of(Path f) throws IOException {
      try {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        return Optional.of(new Stamp(a.fileKey(), a.lastModifiedTime(), a.size()));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    }
  }

  /** A file as last read or written: its bytes (to tell a real change), parsed form and stamp. */
  private record Cached(byte[] bytes, Object value, Stamp stamp) {}

  private final Path dir;
  private final Map<String, Cached> cache = new HashMap<>();
  private final NodeCodec nodes = new NodeCodec();

  StateFiles(Path dir) {
    this.dir = dir;
  }

  /** The parsed content of {@code file}, or empty when it does not exist. */
  <T> Optional<T> load(String file, Class<T> type) {
    Path f = dir.resolve(file);
    try {
      Optional<Stamp> stamp = Stamp.of(f);
      if (stamp.isEmpty()) {
        cache.remove(file);
        return Optional.empty();
      }
      Cached c = cache.get(file);
      if (c != null && c.stamp().equals(stamp.get()) && type.isInstance(c.value())) {
        return Optional.of(type.cast(c.value()));
      }
      byte[] bytes = Files.readAllBytes(f);
      if (c == null || !Arrays.equals(c.bytes(), bytes) || !type.isInstance(c.value())) {
        c = new Cached(bytes, parse(f, bytes, type), stamp.get());
      } else {
        c = new Cached(bytes, c.value(), stamp.get());
      }
      cache.put(file, c);
      return Optional.of(type.cast(c.value()));
    } catch (NoSuchFileException e) {
      cache.remove(file);
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("simulation state file " + f + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code value} differs from what {@code file} holds (or held when last read). */
  boolean changed(String file, Object value) {
    Cached c = cache.get(file);
    return c == null || c.value() != value || !Arrays.equals(c.bytes(), bytes(value));
  }

  /** Where {@code value}'s encoding first differs from the file's, as a short excerpt of both. */
  String difference(String file, Object value) {
    Cached c = cache.get(file);
    if (c == null) {
      return "not read before";
    }
    String was = new String(c.bytes(), java.nio.charset.StandardCharsets.UTF_8);
    String now = new String(bytes(value), java.nio.charset.StandardCharsets.UTF_8);
    int i = 0;
    while (i < was.length() && i < now.length() && was.charAt(i) == now.charAt(i)) {
      i++;
    }
    int from = Math.max(0, i - 80);
    return "was …"
        + was.substring(from, Math.min(was.length(), i + 80))
        + "… now …"
        + now.substring(from, Math.min(now.length(), i + 80))
        + "…";
  }

  /** Writes {@code value} to {@code file} atomically when its encoding differs from the file's. */
  void store(String file, Object value) throws IOException {
    byte[] bytes = bytes(value);
    Cached c = cache.get(file);
    if (c != null && c.value() == value && Arrays.equals(c.bytes(), bytes)) {
      return;
    }
    if (c != null && c.value() != value && Arrays.equals(c.bytes(), bytes)) {
      cache.put(file, new Cached(bytes, value, c.stamp()));
      return;
    }
    Path tmp = dir.resolve("." + file + ".tmp");
    Files.write(tmp, bytes);
    try {
      Files.move(
          tmp,
          dir.resolve(file),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Optional<Stamp> stamp = Stamp.of(dir.resolve(file));
    if (stamp.isPresent()) {
      cache.put(file, new Cached(bytes, value, stamp.get()));
    } else {
      cache.remove(file);
    }
  }

  void delete(String file) throws IOException {
    Files.deleteIfExists(dir.resolve(file));
    cache.remove(file);
  }

  /** Drops the parsed form of {@code file}: the next load reads it again. */
  void forget(String file) {
    cache.remove(file);
  }

  void forgetAll() {
    cache.clear();
  }

  private byte[] bytes(Object value) {
    return value instanceof SimNode n ? nodes.encode(n) : JSON.writeValueAsBytes(value);
  }

  private static <T> T parse(Path f, byte[] bytes, Class<T> type) {
    try {
      return JSON.readValue(bytes, type);
    } catch (JacksonException e) {
      throw new IllegalStateException(
          "simulation state file "
              + f
              + " cannot be read ("
              + e.getOriginalMessage()
              + "); fix it or delete it to re-seed the node",
          e);
    }
  }
}
