package io.strata.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A log file appended through one channel that stays open: a daemon's observation of 1,000 nodes
 * logs ten thousand lines, and opening and closing the file for each, under the lock that orders
 * them, made 64 observing threads queue behind it. Another process may replace the file (trimming
 * or rotating it) or remove it; the channel is reopened when the file it writes is no longer the
 * one at the path. The caller serialises the calls.
 */
final class AppendChannel {
  private final Path file;
  private FileChannel channel;
  private Object key;

  AppendChannel(Path file) {
    this.file = file;
  }

  /** The file's attributes now, or null when it does not exist. */
  BasicFileAttributes attributes() throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Appends {@code bytes} to the file that {@code now} describes ({@link #attributes()}, taken by
   * the caller since the file last changed hands), creating it when missing.
   */
  void append(byte[] bytes, BasicFileAttributes now) throws IOException {
    if (channel == null || now == null || !Objects.equals(now.fileKey(), key)) {
      close();
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  /** The identity of the file the channel writes (null when none is open). */
  Object key() {
    return key;
  }

  void close() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was buffered: every line was written when appended
    }
    channel = null;
    key = null;
  }
}
