package io.strata.reconciler.http;

import io.strata.reconciler.metrics.StrataMetrics;
import java.time.Duration;

/**
 * The listener with {@code http.readTimeout: 1s}, alone in its JVM (see {@link HttpEndpointsTest}):
 * prints its port, serves until stdin closes.
 */
public final class SlowClientServer {
  private SlowClientServer() {}

  public static void main(String[] args) throws Exception {
    try (HttpEndpoints http =
        new HttpEndpoints(
            "127.0.0.1",
            0,
            Duration.ofSeconds(1),
            "main",
            new WebhookAuth("s"),
            p -> true,
            () -> new HttpEndpoints.Health(true, "{}"),
            new StrataMetrics())) {
      System.out.println(http.port());
      System.out.flush();
      System.in.read();
    }
  }
}
