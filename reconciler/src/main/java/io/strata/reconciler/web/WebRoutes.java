package io.strata.reconciler.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.strata.planner.json.PlanJson;
import io.strata.planner.plan.CommandPreview;
import io.strata.reconciler.daemon.DaemonFacts;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routes of the web view: {@code /} (the page) and {@code /api/v1/*} (JSON). Read-only: any
 * method but GET and HEAD gets 405. Documents are built per request from the last recorded cycle
 * (cheap: a few hundred objects), so the answer is never older than the last cycle. No body carries
 * the time of the request, so an unchanged cluster keeps its ETag.
 */
public final class WebRoutes implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebRoutes.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final String JSON_TYPE = "application/json";
  static final String HTML_TYPE = "text/html; charset=utf-8";
  private static final String PREFIX = "/api/v1/";

  private final CycleRecorder<?, ?> recorder;
  private final Supplier<DaemonFacts> facts;
  private final int refreshSeconds;

  public WebRoutes(CycleRecorder<?, ?> recorder, Supplier<DaemonFacts> facts, int refreshSeconds) {
    this.recorder = recorder;
    this.facts = facts;
    this.refreshSeconds = refreshSeconds;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        Responder.send(ex, error(405, "method not allowed", "the API is read-only: use GET"));
        return;
      }
      Responder.send(ex, route(local(ex)));
    } catch (RuntimeException e) {
      LOG.error("HTTP {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
      Responder.send(ex, error(500, "internal error", "see the daemon's log"));
    } finally {
      ex.close();
    }
  }

  /**
   * The path below where the view is mounted: {@code /} alone, or {@code /repositories/<name>/} for
   * one repository of several (so {@code /repositories/a/api/v1/status} is {@code /api/v1/status}
   * here).
   */
  private static String local(HttpExchange ex) {
    String path = ex.getRequestURI().getPath();
    String mount = ex.getHttpContext().getPath();
    if (mount.equals("/") || !path.startsWith(mount)) {
      return path;
    }
    return "/" + path.substring(mount.length()).replaceFirst("^/+", "");
  }

  /** The answer for {@code path}; package-private for tests without a socket. */
  Responder.Body route(String path) {
    CycleRecorder.Recorded r = recorder.recorded();
    DaemonFacts f = facts.get();
    if (path.equals("/") || path.equals("/index.html")) {
      return Responder.Body.of(200, HTML_TYPE, page(f, r));
    }
    if (!path.startsWith(PREFIX)) {
      return error(404, "not found", "no such page: " + path);
    }
    String rest = path.substring(PREFIX.length());
    return switch (rest) {
      case "status" -> json(ClusterViews.status(f, r));
      case "nodes" -> json(new Views.Nodes(ClusterViews.status(f, r).nodes()));
      case "pools" -> json(new Views.Pools(ClusterViews.status(f, r).pools()));
      case "drift" -> json(ClusterViews.drift(r));
      case "alerts" -> json(ClusterViews.alerts(r));
      case "plan" ->
          r.plan() == null
              ? error(404, "not found", "no plan yet: the daemon has not planned a cycle")
              : json(PlanJson.tree(r.plan().plan(), CommandPreview.NONE));
      default -> rest.startsWith("volumes/") ? volume(f, r, rest.substring(8)) : unknown(path);
    };
  }

  private String page(DaemonFacts f, CycleRecorder.Recorded r) {
    return HtmlPage.render(
        new HtmlPage.Model(
            ClusterViews.status(f, r),
            ClusterViews.drift(r),
            ClusterViews.alerts(r),
            r.plan(),
            r.lastEffectivePlan(),
            refreshSeconds));
  }

  private Responder.Body volume(DaemonFacts f, CycleRecorder.Recorded r, String name) {
    return ClusterViews.status(f, r).volumes().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .map(WebRoutes::json)
        .orElseGet(() -> error(404, "not found", "no volume named " + name));
  }

  private static Responder.Body unknown(String path) {
    return error(404, "not found", "no such API document: " + path);
  }

  static Responder.Body json(Object doc) {
    return Responder.Body.of(200, JSON_TYPE, JSON.writeValueAsString(doc) + "\n");
  }

  static Responder.Body error(int status, String error, String message) {
    return Responder.Body.of(
        status, JSON_TYPE, JSON.writeValueAsString(new Views.Error(status, error, message)) + "\n");
  }
}
