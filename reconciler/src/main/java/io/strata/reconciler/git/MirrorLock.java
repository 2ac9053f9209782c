package io.strata.reconciler.git;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Exclusive use of one mirror by one thread of one process at a time: an OS lock on a file beside
 * the mirror (the kernel drops it when its process dies, even under SIGKILL) plus an in-process
 * lock (an OS lock is per process, and a second channel on the file would release it). While it is
 * held, every JGit lock file in the mirror is a leftover of a killed writer, which {@code
 * onAcquire} removes. Re-entrant on the same thread.
 */
final class MirrorLock {
  /** Something to do each time the lock is newly acquired. */
  @FunctionalInterface
  interface OnAcquire {
    void run() throws IOException;
  }

  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();

  private final Path file;
  private final ReentrantLock local;
  private final OnAcquire onAcquire;

  MirrorLock(Path file, OnAcquire onAcquire) {
    this.file = file.toAbsolutePath().normalize();
    this.local = IN_PROCESS.computeIfAbsent(this.file, f -> new ReentrantLock());
    this.onAcquire = onAcquire;
  }

  <T> T run(GitSource.MirrorWork<T> work) throws IOException, GitAPIException {
    local.lock();
    try {
      if (local.getHoldCount() > 1) {
        return work.run(); // this thread already holds the OS lock
      }
      try (FileChannel ch =
              FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = ch.lock()) {
        onAcquire.run();
        return work.run();
      }
    } finally {
      local.unlock();
    }
  }
}
