package io.strata.reconciler.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for the web view's tests. */
public record WebClient(int port) {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public HttpResponse<String> get(String path) {
    return send("GET", path, null);
  }

  public HttpResponse<String> send(String method, String path, String ifNoneMatch) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path, e);
    }
  }
}
