package io.strata.executors.host;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** An output sink that keeps at most {@code cap} bytes and remembers whether more came. */
final class CappedBuffer extends OutputStream {
  private final long cap;
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  private final Runnable onOverflow;
  private final OutputListener listener;
  private boolean overflowed;

  CappedBuffer(long cap, Runnable onOverflow) {
    this(cap, onOverflow, OutputListener.NONE);
  }

  /** {@code listener} sees every write as it comes, also past the cap. */
  CappedBuffer(long cap, Runnable onOverflow, OutputListener listener) {
    this.cap = cap;
    this.onOverflow = onOverflow;
    this.listener = listener;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    OutputListener.deliver(listener, b, off, len);
    long room = cap - buf.size();
    if (len > room) {
      buf.write(b, off, (int) Math.max(0, room));
      if (!overflowed) {
        overflowed = true;
        onOverflow.run();
      }
    } else {
      buf.write(b, off, len);
    }
  }

  synchronized boolean overflowed() {
    return overflowed;
  }

  synchronized byte[] bytes() {
    return buf.toByteArray();
  }

  /** {@code stderr} plus a line {@code strata: <note>}. */
  static byte[] withNote(byte[] stderr, String note) {
    String sep = stderr.length == 0 || stderr[stderr.length - 1] == '\n' ? "" : "\n";
    byte[] n = (sep + "strata: " + note + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[stderr.length + n.length];
    System.arraycopy(stderr, 0, all, 0, stderr.length);
    System.arraycopy(n, 0, all, stderr.length, n.length);
    return all;
  }
}
