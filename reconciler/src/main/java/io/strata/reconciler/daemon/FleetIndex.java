package io.strata.reconciler.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /} of a multi-repository deployment: one line per repository — its name linking to its web
 * view, this instance's role for it and the active instance (from the lease).
 */
final class FleetIndex implements HttpHandler {
  private final Supplier<List<Daemon<?, ?>>> members;

  FleetIndex(Supplier<List<Daemon<?, ?>>> members) {
    this.members = members;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      boolean index = path.equals("/") || path.equals("/index.html");
      byte[] body = Fleet.utf8(index ? page() : "not found: " + esc(path) + "\n");
      ex.getResponseHeaders()
          .set("Content-Type", (index ? "text/html" : "text/plain") + "; charset=utf-8");
      ex.sendResponseHeaders(index ? 200 : 404, body.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    } finally {
      ex.close();
    }
  }

  String page() {
    StringBuilder b =
        new StringBuilder(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Strata</title></head><body>"
                + "<h1>Strata: repositories</h1><table><tr><th>repository</th><th>this instance"
                + "</th><th>active instance</th></tr>");
    for (Daemon<?, ?> d : members.get()) {
      String active = d.activeInstance();
      b.append("<tr><td><a href=\"/repositories/")
          .append(esc(d.name()))
          .append("/\">")
          .append(esc(d.name()))
          .append("</a></td><td>")
          .append(d.active() ? "active" : "standby")
          .append("</td><td>")
          .append(active == null ? "none" : esc(active))
          .append("</td></tr>");
    }
    return b.append("</table></body></html>\n").toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
