package io.strata.reconciler.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A webhook receiver on 127.0.0.1 that records every body and answers a settable status. */
public final class RecordingHttpSink implements AutoCloseable {
  private final HttpServer server;
  private final List<String> bodies = new ArrayList<>();
  private volatile int status = 200;
  private volatile CountDownLatch hold;

  public RecordingHttpSink() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          synchronized (bodies) {
            bodies.add(body);
            bodies.notifyAll();
          }
          CountDownLatch h = hold;
          if (h != null) {
            try {
              h.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  public void answer(int status) {
    this.status = status;
  }

  /** Makes every request hang until {@code latch} opens (a sink that does not answer). */
  public void hold(CountDownLatch latch) {
    this.hold = latch;
  }

  /** The {@code alerts:} section of a strata.yaml that sends alerts here (Alertmanager format). */
  public String alertsYaml() {
    return "alerts:\n  - {type: alertmanager, url: '" + uri() + "'}\n";
  }

  /** How many bodies received so far contain every one of {@code needles}. */
  public long count(String... needles) {
    return bodies().stream().filter(b -> List.of(needles).stream().allMatch(b::contains)).count();
  }

  /** Whether a body received so far contains every one of {@code needles}. */
  public boolean received(String... needles) {
    return count(needles) > 0;
  }

  public List<String> bodies() {
    synchronized (bodies) {
      return List.copyOf(bodies);
    }
  }

  /** Waits until at least {@code n} bodies arrived; returns them. */
  public List<String> await(int n, long timeoutMs) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    synchronized (bodies) {
      while (bodies.size() < n) {
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left <= 0) {
          break;
        }
        bodies.wait(left);
      }
      return List.copyOf(bodies);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
