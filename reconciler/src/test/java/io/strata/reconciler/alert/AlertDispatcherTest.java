package io.strata.reconciler.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.metrics.StrataMetrics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AlertDispatcherTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Instant T0 = Instant.parse("2026-11-24T06:00:00Z");
  static final AlertDispatcher.Delivery FAST =
      new AlertDispatcher.Delivery(3, Duration.ofMillis(20), Duration.ofMillis(50), 8);

  private static List<AlertEvent> fireThenResolve() {
    TransitionTracker t = new TransitionTracker("StrataDrift");
    Finding f =
        new Finding("pg/alpha/drbd", Map.of("volume", "pg", "node", "alpha"), "peer disconnected");
    List<AlertEvent> fired = t.update(List.of(f), T0);
    List<AlertEvent> resolved = t.update(List.of(), T0.plusSeconds(300));
    return List.of(fired.get(0), resolved.get(0));
  }

  @Test
  void alertmanagerGetsAnArrayOfLabelsAnnotationsTimesAndStatus() throws Exception {
    StrataMetrics m = new StrataMetrics();
    try (RecordingHttpSink sink = new RecordingHttpSink();
        AlertDispatcher d =
            new AlertDispatcher(
                List.of(new AlertSink.Alertmanager(sink.uri(), Map.of(), Duration.ofSeconds(2))),
                FAST,
                m)) {
      List<AlertEvent> events = fireThenResolve();
      d.publish(List.of(events.get(0)));
      d.publish(List.of(events.get(1)));
      List<String> bodies = sink.await(2, 5000);
      JsonNode firing = JSON.readTree(bodies.get(0));
      assertTrue(firing.isArray());
      JsonNode a = firing.get(0);
      assertEquals("firing", a.get("status").asString());
      assertEquals("StrataDrift", a.get("labels").get("alertname").asString());
      assertEquals("pg/alpha/drbd", a.get("labels").get("key").asString());
      assertEquals("alpha", a.get("labels").get("node").asString());
      assertEquals("2026-11-24T06:00:00Z", a.get("startsAt").asString());
      assertTrue(a.get("annotations").get("summary").asString().contains("peer disconnected"));
      assertEquals(null, a.get("endsAt"));
      JsonNode r = JSON.readTree(bodies.get(1)).get(0);
      assertEquals("resolved", r.get("status").asString());
      assertEquals("2026-11-24T06:05:00Z", r.get("endsAt").asString());
    }
  }

  @Test
  void slackAndGenericWebhookShapes() throws Exception {
    StrataMetrics m = new StrataMetrics();
    try (RecordingHttpSink slack = new RecordingHttpSink();
        RecordingHttpSink hook = new RecordingHttpSink();
        AlertDispatcher d =
            new AlertDispatcher(
                List.of(
                    new AlertSink.Slack(slack.uri(), Map.of(), Duration.ofSeconds(2)),
                    new AlertSink.Webhook(hook.uri(), Map.of(), Duration.ofSeconds(2)),
                    new AlertSink.Log()),
                FAST,
                m)) {
      d.publish(fireThenResolve());
      JsonNode s = JSON.readTree(slack.await(1, 5000).get(0));
      assertTrue(s.get("text").asString().contains("[FIRING] pg/alpha/drbd"), s.toString());
      assertTrue(s.get("text").asString().contains("[RESOLVED] pg/alpha/drbd"), s.toString());
      JsonNode h = JSON.readTree(hook.await(1, 5000).get(0));
      assertEquals("strata", h.get("source").asString());
      assertEquals(2, h.get("alerts").size());
    }
  }

  @Test
  void aFailingSinkIsRetriedBoundedlyCountedAndNeverBlocksThePublisher() throws Exception {
    StrataMetrics m = new StrataMetrics();
    try (RecordingHttpSink sink = new RecordingHttpSink()) {
      sink.answer(500);
      AlertDispatcher d =
          new AlertDispatcher(
              List.of(
                  new AlertSink.Alertmanager(sink.uri(), Map.of(), Duration.ofSeconds(2)),
                  new AlertSink.Webhook(
                      URI.create("http://127.0.0.1:1/unreachable"),
                      Map.of(),
                      Duration.ofSeconds(1))),
              FAST,
              m);
      long start = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        d.publish(fireThenResolve()); // more than the queue holds: the rest is dropped
      }
      long publishMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(publishMs < 2000, "publish must not wait for delivery, took " + publishMs + " ms");
      sink.await(3, 5000);
      d.close(Duration.ofSeconds(10));
      assertTrue(sink.bodies().size() >= 3, "retried: " + sink.bodies().size());
      assertTrue(m.alertDeliveryFailures("alertmanager") >= 1);
      assertTrue(m.alertDeliveryFailures("webhook") >= 1);
      String text = new String(m.scrape(), StandardCharsets.UTF_8);
      assertTrue(text.contains("strata_alerts_dropped_total"), text);
      assertTrue(text.contains("strata_failures_total{stage=\"alert\"}"), text);
    }
  }
}
