package io.strata.simulator.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The locks of one state folder in this JVM: the threads' read-write lock, and the OS lock on
 * {@code .lock} that the threads holding the read lock take together (decision 047).
 *
 * <p>An OS file lock belongs to the process: one JVM cannot lock the same file twice, so the first
 * thread of a sharing group takes it and the last one releases it. Other processes see the group as
 * one holder: exclusive when a writing store's probes share it (their command log lines must not
 * interleave with another process's numbering), shared for a read-only store. A group lets no new
 * thread join once it has held the OS lock for {@value #TURN_MILLIS} ms, so another process waiting
 * for the folder gets its turn.
 */
final class FolderLock {
  static final long TURN_MILLIS = 200;

  /** Exclusive: transactions and probes that change the state; shared: probes that only look. */
  final ReentrantReadWriteLock threads = new ReentrantReadWriteLock();

  private final Path file;
  private int sharers;
  private boolean draining;
  private FileChannel channel;
  private FileLock os;
  private boolean osShared;
  private long since;
  private volatile long group;

  FolderLock(Path file) {
    this.file = file;
  }

  /**
   * Joins the sharing group, taking the OS lock if it is the first; the caller holds the read lock.
   * False when the group holds a shared OS lock and {@code writer} needs an exclusive one, or when
   * a reader would start a group on a folder without {@code .lock} (a writer creates it before
   * anything else: there is no state to read yet): the caller then runs alone. The file is looked
   * for only when a group starts, not for every probe.
   */
  synchronized boolean join(boolean writer) throws IOException {
    boolean interrupted = false;
    try {
      while (draining || (sharers > 0 && aged())) {
        draining = true;
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // the wait is short: the group's probes are already running
        }
      }
      if (sharers == 0) {
        if (!writer && !Files.exists(file)) {
          return false;
        }
        channel =
            writer
                ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ);
        try {
          os = channel.lock(0, Long.MAX_VALUE, !writer);
        } catch (IOException | RuntimeException e) {
          channel.close();
          channel = null;
          throw e;
        }
        osShared = !writer;
        since = System.nanoTime();
        group++;
      } else if (writer && osShared) {
        return false;
      }
      sharers++;
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Leaves the group; the last one out releases the OS lock and lets waiting threads start one. */
  synchronized void leave() throws IOException {
    if (--sharers > 0) {
      return;
    }
    try {
      os.release();
    } finally {
      channel.close();
      os = null;
      channel = null;
      draining = false;
      notifyAll();
    }
  }

  /**
   * The current sharing group, numbered from 1; the caller is in it. Nothing changes the folder
   * while a group holds it: writers of this JVM wait for the read lock's holders, other processes
   * for the OS lock.
   */
  long group() {
    return group;
  }

  private boolean aged() {
    return System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(TURN_MILLIS);
  }
}
