package io.strata.executors.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Drains one process stream on its own thread (so a chatty stderr cannot block a process whose
 * stdout we are reading) and keeps at most {@code cap} bytes. Past the cap it keeps draining but
 * discards, and reports {@link #overflowed()} so the caller can kill the process.
 */
final class BoundedCollector implements Runnable {
  private final InputStream in;
  private final long cap;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  private volatile boolean overflowed;
  private volatile IOException failure;
  private final Runnable onOverflow;
  private final OutputListener listener;

  BoundedCollector(InputStream in, long cap, Runnable onOverflow) {
    this(in, cap, onOverflow, OutputListener.NONE);
  }

  /** {@code listener} sees every chunk as it is read, also past the cap. */
  BoundedCollector(InputStream in, long cap, Runnable onOverflow, OutputListener listener) {
    this.in = in;
    this.cap = cap;
    this.onOverflow = onOverflow;
    this.listener = listener;
  }

  @Override
  public void run() {
    byte[] chunk = new byte[64 * 1024];
    try (in) {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        synchronized (buf) {
          long room = cap - buf.size();
          if (n > room) {
            buf.write(chunk, 0, (int) Math.max(0, room));
            if (!overflowed) {
              overflowed = true;
              onOverflow.run();
            }
          } else {
            buf.write(chunk, 0, n);
          }
        }
        // after buffering: a listener told the stream has reached a point finds it in bytes()
        OutputListener.deliver(listener, chunk, 0, n);
      }
    } catch (IOException e) {
      // Recorded, not thrown: a stream closed because we destroyed the process is expected, and
      // the caller knows whether it destroyed it.
      failure = e;
    }
  }

  boolean overflowed() {
    return overflowed;
  }

  IOException failure() {
    return failure;
  }

  byte[] bytes() {
    synchronized (buf) {
      return buf.toByteArray();
    }
  }
}
