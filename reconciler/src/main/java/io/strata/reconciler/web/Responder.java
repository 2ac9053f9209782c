package io.strata.reconciler.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Sends a body with a strong ETag (a hash of the bytes, so equal documents get equal tags whatever
 * the cycle), answers {@code If-None-Match} with 304, and HEAD with the headers only.
 */
final class Responder {
  private Responder() {}

  /** What to send: status, media type and body. */
  record Body(int status, String contentType, byte[] bytes) {
    static Body of(int status, String contentType, String text) {
      return new Body(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  static String etag(byte[] body) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(h, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** True when one of the If-None-Match tags (or {@code *}) is {@code etag}. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String t : ifNoneMatch.split(",")) {
      String tag = t.strip();
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static void send(HttpExchange ex, Body b) throws IOException {
    var h = ex.getResponseHeaders();
    h.set("Content-Type", b.contentType());
    h.set("Cache-Control", "no-cache");
    h.set("X-Content-Type-Options", "nosniff");
    // defence in depth behind the escaping: the page runs no script and loads nothing, so the
    // browser may forbid both (and framing, against clickjacking)
    h.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'");
    String etag = etag(b.bytes());
    boolean ok = b.status() == 200;
    if (ok) {
      h.set("ETag", etag);
      if (matches(ex.getRequestHeaders().getFirst("If-None-Match"), etag)) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
    }
    if (ex.getRequestMethod().equals("HEAD")) {
      // the JDK server sends no body for HEAD; the length is set by hand
      h.set("Content-Length", Integer.toString(b.bytes().length));
      ex.sendResponseHeaders(b.status(), -1);
      return;
    }
    ex.sendResponseHeaders(b.status(), b.bytes().length == 0 ? -1 : b.bytes().length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(b.bytes());
    }
  }
}
