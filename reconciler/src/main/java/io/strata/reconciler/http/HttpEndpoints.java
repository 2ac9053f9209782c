package io.strata.reconciler.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.reconciler.metrics.StrataMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener. It holds no daemon logic: a push calls {@code onPush} (which only queues a
 * cycle), health comes from a supplier, metrics from {@link StrataMetrics}.
 */
public final class HttpEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);

  /** Largest webhook body read; a GitHub push payload of a normal push is far below this. */
  public static final int MAX_BODY = 1 << 20;

  /** The answer of /healthz: 200 when {@code ok}, 503 otherwise, {@code json} as the body. */
  public record Health(boolean ok, String json) {}

  /** Called for an authenticated push; returns whether a new cycle was queued (not coalesced). */
  public interface PushListener {
    boolean pushed(PushEvent event);
  }

  /** How long a client may take to send a whole request (headers and body) by default. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final HttpServer server;
  private final ExecutorService executor;
  private final ReplayGuard replays = new ReplayGuard(Clock.systemUTC());

  public HttpEndpoints(
      String bind,
      int port,
      String branch,
      WebhookAuth auth,
      PushListener onPush,
      Supplier<Health> health,
      StrataMetrics metrics)
      throws IOException {
    this(bind, port, READ_TIMEOUT, branch, auth, onPush, health, metrics);
  }

  /**
   * {@code readTimeout}: a client that has not sent its whole request by then is disconnected, so
   * that slow clients cannot hold the two handler threads (see {@link SlowClients}).
   */
  public HttpEndpoints(
      String bind,
      int port,
      Duration readTimeout,
      String branch,
      WebhookAuth auth,
      PushListener onPush,
      Supplier<Health> health,
      StrataMetrics metrics)
      throws IOException {
    this(bind, port, readTimeout, branch, auth, onPush, health, metrics::scrape);
  }

  /**
   * As above, with {@code /metrics} from {@code scrape} (several repositories' metrics in one
   * exposition); a null {@code branch} passes every push on to {@code onPush}.
   */
  public HttpEndpoints(
      String bind,
      int port,
      Duration readTimeout,
      String branch,
      WebhookAuth auth,
      PushListener onPush,
      Supplier<Health> health,
      Supplier<byte[]> scrape)
      throws IOException {
    SlowClients.limit(readTimeout);
    server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "strata-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/hooks/git", ex -> guard(ex, () -> hook(ex, branch, auth, onPush)));
    server.createContext(
        "/healthz",
        ex ->
            guard(
                ex,
                () -> {
                  Health h = health.get();
                  send(ex, h.ok() ? 200 : 503, "application/json", h.json());
                }));
    server.createContext(
        "/metrics",
        ex ->
            guard(
                ex,
                () -> {
                  byte[] body = scrape.get();
                  ex.getResponseHeaders().set("Content-Type", StrataMetrics.contentType());
                  ex.sendResponseHeaders(200, body.length);
                  try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                  }
                }));
    server.start();
  }

  private interface Handler {
    void handle() throws IOException;
  }

  private static void guard(HttpExchange ex, Handler h) throws IOException {
    try {
      h.handle();
    } catch (RuntimeException e) {
      LOG.error("HTTP {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
      send(ex, 500, "text/plain", "internal error\n");
    } finally {
      ex.close();
    }
  }

  private void hook(HttpExchange ex, String branch, WebhookAuth auth, PushListener onPush)
      throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      ex.getResponseHeaders().set("Allow", "POST");
      send(ex, 405, "text/plain", "use POST\n");
      return;
    }
    if (declaredLength(ex) > MAX_BODY) {
      // refused before reading a byte of it
      LOG.warn(
          "webhook from {} refused: Content-Length over {} bytes", ex.getRemoteAddress(), MAX_BODY);
      send(ex, 413, "text/plain", "body too large\n");
      return;
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      LOG.warn("webhook from {} refused: body over {} bytes", ex.getRemoteAddress(), MAX_BODY);
      send(ex, 413, "text/plain", "body too large\n");
      return;
    }
    var headers = ex.getRequestHeaders();
    WebhookAuth.Verdict v =
        auth.check(
            headers.getFirst("X-Hub-Signature-256"), headers.getFirst("X-Gitlab-Token"), body);
    if (v instanceof WebhookAuth.Verdict.Refused r) {
      LOG.warn("webhook from {} refused: {}", ex.getRemoteAddress(), r.why());
      send(ex, 401, "text/plain", "unauthorized\n");
      return;
    }
    if (v instanceof WebhookAuth.Verdict.Accepted a
        && a.how().equals("X-Hub-Signature-256")
        && !replays.firstSeen(deliveryId(headers), body)) {
      LOG.warn(
          "webhook from {} refused: delivery {} was already accepted within {}",
          ex.getRemoteAddress(),
          deliveryId(headers),
          ReplayGuard.WINDOW);
      send(ex, 409, "text/plain", "replayed delivery\n");
      return;
    }
    String event = headers.getFirst("X-GitHub-Event");
    if (event == null) {
      event = headers.getFirst("X-Gitea-Event");
    }
    if ("ping".equals(event)) {
      send(ex, 200, "application/json", "{\"pong\":true}\n");
      return;
    }
    PushEvent push = PushEvent.parse(body);
    if (branch != null && !push.concerns(branch)) {
      send(ex, 202, "application/json", "{\"triggered\":false,\"reason\":\"other branch\"}\n");
      return;
    }
    boolean queued = onPush.pushed(push);
    send(ex, 202, "application/json", "{\"triggered\":true,\"coalesced\":" + !queued + "}\n");
  }

  /** The forge's id of this delivery, or null. */
  static String deliveryId(com.sun.net.httpserver.Headers h) {
    for (String name :
        new String[] {"X-GitHub-Delivery", "X-Gitea-Delivery", "X-Gitlab-Event-UUID"}) {
      String v = h.getFirst(name);
      if (v != null && !v.isBlank()) {
        String clean = v.replaceAll("\\p{Cntrl}", "?"); // it is logged
        return clean.length() > 200 ? clean.substring(0, 200) : clean;
      }
    }
    return null;
  }

  /** The Content-Length the client announced; -1 when absent (chunked) or unreadable. */
  private static long declaredLength(HttpExchange ex) {
    String v = ex.getRequestHeaders().getFirst("Content-Length");
    try {
      return v == null ? -1 : Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
    }
  }

  /**
   * Serves {@code handler} under {@code path} on the same listener (the web view mounts {@code /}:
   * the JDK server picks the longest matching prefix, so the routes above keep theirs).
   */
  public void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(path, handler);
  }

  /** The bound address (loopback unless {@code http.bind} says otherwise). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
