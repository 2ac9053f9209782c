package io.strata.reconciler.http;

import java.time.Duration;

/**
 * The read timeout of the JDK HTTP server. Its only knob is the system property {@code
 * sun.net.httpserver.maxReqTime} (whole seconds from the first byte of a request to its last, after
 * which the connection is closed and a handler blocked on the body gets an exception), read once
 * when the first server of the process starts: so it is set here, before {@link HttpEndpoints}
 * creates its server, unless the operator set it on the command line. Without it a client that
 * sends one byte a minute holds a handler thread for ever, and two such clients silence the
 * webhook.
 */
final class SlowClients {
  private static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
  private static final String MAX_RSP_TIME = "sun.net.httpserver.maxRspTime";

  private SlowClients() {}

  static synchronized void limit(Duration readTimeout) {
    long seconds = Math.max(1, (readTimeout.toMillis() + 999) / 1000);
    if (System.getProperty(MAX_REQ_TIME) == null) {
      System.setProperty(MAX_REQ_TIME, Long.toString(seconds));
    }
    if (System.getProperty(MAX_RSP_TIME) == null) {
      // a client that does not read its answer is cut off too (metrics can be large)
      System.setProperty(MAX_RSP_TIME, Long.toString(Math.max(seconds, 30)));
    }
  }
}
