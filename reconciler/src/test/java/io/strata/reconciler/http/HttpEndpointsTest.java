package io.strata.reconciler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.metrics.StrataMetrics;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP listener against hostile clients: where it binds, big bodies, replays, slow clients. */
class HttpEndpointsTest {
  static final String SECRET = "hook-secret";
  static final byte[] PUSH = "{\"ref\":\"refs/heads/main\",\"after\":\"1\"}".getBytes();

  @TempDir Path tmp;
  private final AtomicInteger pushes = new AtomicInteger();
  private HttpEndpoints http;

  @AfterEach
  void close() {
    if (http != null) {
      http.close();
    }
  }

  private HttpEndpoints start(StrataConfig.Http cfg) throws IOException {
    http =
        new HttpEndpoints(
            cfg.bind(),
            0,
            cfg.readTimeout(),
            "main",
            new WebhookAuth(SECRET),
            p -> pushes.incrementAndGet() > 0,
            () -> new HttpEndpoints.Health(true, "{}"),
            new StrataMetrics());
    return http;
  }

  private int post(byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/hooks/git"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HttpClient.newHttpClient()
        .send(b.build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void theDefaultBindIsLoopback() throws Exception {
    StrataConfig.Http cfg = ConfigLoader.defaults(tmp).http();
    assertEquals("127.0.0.1", cfg.bind());
    assertTrue(start(cfg).address().getAddress().isLoopbackAddress());
  }

  @Test
  void wrongOrMissingSignaturesAreRefusedAndTriggerNothing() throws Exception {
    start(ConfigLoader.defaults(tmp).http());
    assertEquals(401, post(PUSH));
    assertEquals(401, post(PUSH, "X-Hub-Signature-256", WebhookAuth.sign("guess", PUSH)));
    assertEquals(401, post(PUSH, "X-Hub-Signature-256", "sha256=zz"));
    assertEquals(401, post(PUSH, "X-Gitlab-Token", "guess"));
    assertEquals(0, pushes.get());
    assertEquals(202, post(PUSH, "X-Hub-Signature-256", WebhookAuth.sign(SECRET, PUSH)));
    assertEquals(1, pushes.get());
  }

  @Test
  void aReplayedDeliveryIsRefusedEvenUnderAnotherDeliveryId() throws Exception {
    start(ConfigLoader.defaults(tmp).http());
    String sig = WebhookAuth.sign(SECRET, PUSH);
    assertEquals(202, post(PUSH, "X-Hub-Signature-256", sig, "X-GitHub-Delivery", "d-1"));
    assertEquals(409, post(PUSH, "X-Hub-Signature-256", sig, "X-GitHub-Delivery", "d-1"));
    assertEquals(409, post(PUSH, "X-Hub-Signature-256", sig, "X-GitHub-Delivery", "d-2"));
    assertEquals(409, post(PUSH, "X-Hub-Signature-256", sig));
    byte[] next = "{\"ref\":\"refs/heads/main\",\"after\":\"2\"}".getBytes();
    assertEquals(
        409,
        post(
            next,
            "X-Hub-Signature-256",
            WebhookAuth.sign(SECRET, next),
            "X-GitHub-Delivery",
            "d-1"),
        "a new body under a delivery id already seen");
    assertEquals(
        202,
        post(
            next,
            "X-Hub-Signature-256",
            WebhookAuth.sign(SECRET, next),
            "X-GitHub-Delivery",
            "d-3"));
    assertEquals(2, pushes.get(), "only the two first deliveries triggered a cycle");
  }

  @Test
  void anOversizedBodyIsRefusedWith413WhetherAnnouncedOrStreamed() throws Exception {
    start(ConfigLoader.defaults(tmp).http());
    // announced: refused from the headers, before the client sends a byte of the body
    try (Socket s = new Socket("127.0.0.1", http.port())) {
      OutputStream o = s.getOutputStream();
      o.write(
          ("POST /hooks/git HTTP/1.1\r\nHost: x\r\nContent-Length: "
                  + (HttpEndpoints.MAX_BODY + 1)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      o.flush();
      String status =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertTrue(status.contains(" 413 "), status);
    }
    // streamed (chunked, no length): refused after MAX_BODY + 1 bytes
    List<InputStream> parts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      parts.add(new ByteArrayInputStream(new byte[HttpEndpoints.MAX_BODY / 2 + 1]));
    }
    InputStream endless = new SequenceInputStream(Collections.enumeration(parts));
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/hooks/git"))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless))
            .build();
    int code;
    try {
      code =
          HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      code = 413; // the server answered and closed while the client was still sending
    }
    assertEquals(413, code);
    assertEquals(0, pushes.get());
  }

  /**
   * A client that sends part of a request and stalls is disconnected after {@code
   * http.readTimeout}. The JDK server reads that limit once per process, so the listener runs in a
   * child JVM ({@link SlowClientServer}) with a one-second timeout; the test waits for the event
   * (the server closing the connection), not for a time.
   */
  @Test
  void aSlowClientIsDisconnectedAndTheListenerStaysAvailable() throws Exception {
    List<String> argv =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            SlowClientServer.class.getName());
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      int port = Integer.parseInt(out.readLine().strip());
      List<Socket> stalled = new ArrayList<>();
      for (int i = 0; i < 4; i++) { // more than the two handler threads
        Socket s = new Socket("127.0.0.1", port);
        s.getOutputStream()
            .write(
                "POST /hooks/git HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"ref"
                    .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        stalled.add(s);
      }
      for (Socket s : stalled) {
        try (s) {
          s.setSoTimeout(120_000); // a bound against a hang only; the close comes after ~1 s
          assertEquals(-1, s.getInputStream().read(), "the server closed the stalled connection");
        } catch (java.net.SocketException reset) {
          // closed by the server with unread data: a reset is a close too
        }
      }
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
    } finally {
      p.destroy();
      p.waitFor();
    }
  }
}
