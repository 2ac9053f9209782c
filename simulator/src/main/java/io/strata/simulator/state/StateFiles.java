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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON files of a state folder with a parsed-form cache. A file is re-read only when its stamp
 * (inode, modification time, size) changed — every write is a rename of a new file, so another
 * process's write always changes the inode — and re-parsed only when its bytes changed. Callers
 * hold the folder's lock: exclusively to write, or shared by probes that only read.
 *
 * <p>What was read or written is remembered by its {@link Digest}, not its bytes: at 1,000 nodes
 * the bytes were 47 MB of every process that holds the cluster, the daemon's heap included.
 */
final class StateFiles {
  /**
   * String values read from state files, interned: a replica's DRBD resource file, device paths and
   * peer addresses recur on every node that holds the resource, and at 1,000 nodes one copy of each
   * took the parsed cluster from 88 to about 60 MB of every process that holds it (a property name
   * is interned by Jackson already). Only parsing pays, and only for a file another process wrote.
   */
  private static final StringDeserializer INTERNED =
      new StringDeserializer() {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
          String s = super.deserialize(p, ctxt);
          return s == null ? null : s.intern();
        }
      };

  // compact: the files are read by machines; indenting tripled their size and the time to write
  // them
  static final JsonMapper JSON =
      JsonMapper.builder()
          // state files written by an older version stay readable when fields are added
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(new SimpleModule("interned-strings").addDeserializer(String.class, INTERNED))
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

  /**
   * The length and two checksums of a file's bytes (CRC32C and CRC32, both intrinsics of the JVM:
   * microseconds for a node's 50 KB): two encodings that differ have the same digest with a
   * probability of 2^-64, so bytes of equal digest are taken for the same.
   */
  record Digest(int length, int crc32c, int crc32) {
    static Digest of(byte[] bytes) {
      CRC32C c = new CRC32C();
      c.update(bytes);
      CRC32 d = new CRC32();
      d.update(bytes);
      return new Digest(bytes.length, (int) c.getValue(), (int) d.getValue());
    }
  }

  /**
   * A file as last read or written: its digest (to tell a real change), parsed form and stamp, and
   * the sharing group ({@link FolderLock#group()}) in which its stamp was last checked (0: none).
   */
  private record Cached(Digest digest, Object value, Stamp stamp, long checkedIn) {}

  private final Path dir;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final NodeCodec nodes = new NodeCodec();

  StateFiles(Path dir) {
    this.dir = dir;
  }

  /** The parsed content of {@code file}, or empty when it does not exist. */
  <T> Optional<T> load(String file, Class<T> type) {
    return load(file, type, 0);
  }

  /**
   * As {@link #load(String, Class)} for a probe of sharing group {@code group} (0: none). No
   * process writes while a group holds the folder, so a file checked once in the group is not
   * checked again: a DRBD status reads every peer's file, and at 1,000 nodes that is some 60,000
   * {@code stat} calls per observation.
   */
  <T> Optional<T> load(String file, Class<T> type, long group) {
    Cached c = cache.get(file);
    if (group != 0 && c != null && c.checkedIn() == group && type.isInstance(c.value())) {
      return Optional.of(type.cast(c.value()));
    }
    Path f = dir.resolve(file);
    try {
      Optional<Stamp> stamp = Stamp.of(f);
      if (stamp.isEmpty()) {
        cache.remove(file);
        return Optional.empty();
      }
      if (c != null && c.stamp().equals(stamp.get()) && type.isInstance(c.value())) {
        if (group != 0) {
          cache.replace(file, c, new Cached(c.digest(), c.value(), c.stamp(), group));
        }
        return Optional.of(type.cast(c.value()));
      }
      byte[] bytes = Files.readAllBytes(f);
      Digest digest = Digest.of(bytes);
      Cached read;
      if (c == null || !c.digest().equals(digest) || !type.isInstance(c.value())) {
        read = new Cached(digest, parse(f, bytes, type), stamp.get(), group);
      } else {
        read = new Cached(digest, c.value(), stamp.get(), group);
      }
      // probes that share the folder may read a file at once: all of them get the one parsed form
      Cached kept =
          cache.merge(
              file,
              read,
              (was, now) ->
                  was.stamp().equals(now.stamp())
                          && was.digest().equals(now.digest())
                          && type.isInstance(was.value())
                      ? was
                      : now);
      return Optional.of(type.cast(kept.value()));
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
    return c == null || c.value() != value || !c.digest().equals(Digest.of(bytes(value)));
  }

  /**
   * Where {@code value}'s encoding first differs from the file's, as a short excerpt of both (the
   * file as it is on disk: only its digest is remembered).
   */
  String difference(String file, Object value) {
    if (cache.get(file) == null) {
      return "not read before";
    }
    String was;
    try {
      was = Files.readString(dir.resolve(file));
    } catch (IOException e) {
      return "cannot read " + file + ": " + e.getMessage();
    }
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
    Digest digest = Digest.of(bytes);
    Cached c = cache.get(file);
    if (c != null && c.digest().equals(digest)) {
      if (c.value() != value) {
        cache.put(file, new Cached(digest, value, c.stamp(), 0));
      }
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
      cache.put(file, new Cached(digest, value, stamp.get(), 0));
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
