package io.strata.executors.host;

import java.util.concurrent.CompletableFuture;

/**
 * Watches a command's stdout for the end of one JSON document (an object or an array, after
 * optional whitespace), byte by byte as it arrives: brackets are counted outside strings, and a
 * string's escaped quote does not end it. UTF-8 never puts an ASCII byte inside a multi-byte
 * character, so bytes are enough. Output that does not start with {@code {} or {@code [} is not a
 * document; nothing after the first document's end is looked at.
 *
 * <p>{@link #reached()} completes with the document's length in bytes once its closing bracket has
 * been read, or with -1 when the stream ends first (or is not a document).
 */
final class JsonDocumentEnd implements OutputListener {
  private final CompletableFuture<Long> reached = new CompletableFuture<>();
  private boolean done; // reached, without a volatile read per byte
  private long offset;
  private int depth;
  private boolean started;
  private boolean inString;
  private boolean escaped;

  @Override
  public void chunk(byte[] bytes, int off, int len) {
    for (int i = off; i < off + len && !done; i++) {
      offset++;
      step(bytes[i]);
    }
  }

  private void step(byte b) {
    if (!started) {
      if (b == '{' || b == '[') {
        started = true;
        depth = 1;
      } else if (!blank(b)) {
        end(-1); // not a JSON document: the caller waits for the command's end
      }
    } else if (inString) {
      if (escaped) {
        escaped = false;
      } else if (b == '\\') {
        escaped = true;
      } else if (b == '"') {
        inString = false;
      }
    } else if (b == '"') {
      inString = true;
    } else if (b == '{' || b == '[') {
      depth++;
    } else if ((b == '}' || b == ']') && --depth == 0) {
      end(offset);
    }
  }

  private void end(long length) {
    done = true;
    reached.complete(length);
  }

  /** JSON's whitespace: what may stand before and after a document. */
  static boolean blank(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /** The length of the JSON document that {@code bytes} start with, or -1 when there is none. */
  static long length(byte[] bytes) {
    JsonDocumentEnd end = new JsonDocumentEnd();
    end.chunk(bytes, 0, bytes.length);
    end.closed();
    return end.reached().join();
  }

  /** The stream ended (or could not be read): no document end is coming any more. */
  void closed() {
    reached.complete(-1L);
  }

  CompletableFuture<Long> reached() {
    return reached;
  }
}
