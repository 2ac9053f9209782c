package io.strata.reconciler.it;

import io.strata.reconciler.web.WebClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The daemon's web API as the integration tests read it: JSON documents, polled to a deadline. */
final class WebView {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  final WebClient client;

  WebView(int port) {
    this.client = new WebClient(port);
  }

  JsonNode json(String path) {
    HttpResponse<String> r = client.get(path);
    if (r.statusCode() != 200) {
      throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  String html() {
    return client.get("/").body();
  }

  /** Polls {@code path} until {@code cond} holds on its document; returns that document. */
  JsonNode await(String path, Predicate<JsonNode> cond, Duration max, String what) {
    return await(path, cond, max, what, () -> {});
  }

  /**
   * As {@link #await(String, Predicate, Duration, String)}, calling {@code nudge} before each poll
   * (e.g. to ask for a cycle: the daemon observes only when it runs one).
   */
  JsonNode await(String path, Predicate<JsonNode> cond, Duration max, String what, Runnable nudge) {
    long end = System.nanoTime() + max.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < end) {
      nudge.run();
      last = json(path);
      if (cond.test(last)) {
        return last;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("timed out after " + max + " waiting for " + what + "\n" + last);
  }

  /** True when every named volume is Ready and {@code commit} is the last applied commit. */
  static boolean ready(JsonNode status, String commit, List<String> volumes) {
    if (!commit.equals(status.path("repository").path("lastAppliedCommit").asString(null))) {
      return false;
    }
    List<String> ready = new ArrayList<>();
    for (JsonNode v : status.path("volumes")) {
      if (v.path("ready").asBoolean()) {
        ready.add(v.path("name").asString());
      }
    }
    return ready.containsAll(volumes);
  }

  static JsonNode volume(JsonNode status, String name) {
    for (JsonNode v : status.path("volumes")) {
      if (name.equals(v.path("name").asString())) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name + " in " + status);
  }

  /** The first node holding a diskful replica of the volume. */
  static String diskfulNode(JsonNode volume) {
    for (JsonNode r : volume.path("replicas")) {
      if ("diskful".equals(r.path("role").asString())) {
        return r.path("node").asString();
      }
    }
    throw new AssertionError("no diskful replica in " + volume);
  }
}
