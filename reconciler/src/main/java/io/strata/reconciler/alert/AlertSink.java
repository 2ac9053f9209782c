package io.strata.reconciler.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where alert events go. The closed set of {@code alerts[].type} values of {@code strata.yaml}:
 * {@code log}, {@code webhook} (generic JSON), {@code alertmanager}, {@code slack}. {@link
 * #deliver} throws on any failure; retrying is the dispatcher's job.
 */
public sealed interface AlertSink {
  /** A short name for logs and the {@code sink} metric label. */
  String name();

  void deliver(List<AlertEvent> events) throws IOException;

  /** Writes each event to the SLF4J log: WARN when firing, INFO when resolved. */
  record Log() implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger("io.strata.alerts");

    @Override
    public String name() {
      return "log";
    }

    @Override
    public void deliver(List<AlertEvent> events) {
      for (AlertEvent e : events) {
        if (e.state() == AlertEvent.State.FIRING) {
          LOG.warn("ALERT firing {}: {}", e.key(), e.summary());
        } else {
          LOG.info("ALERT resolved {}: {}", e.key(), e.summary());
        }
      }
    }
  }

  /** POSTs {@code {"source":"strata","alerts":[…]}} with the Alertmanager fields per alert. */
  record Webhook(URI url, Map<String, String> headers, Duration timeout) implements AlertSink {
    @Override
    public String name() {
      return "webhook";
    }

    @Override
    public void deliver(List<AlertEvent> events) throws IOException {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("source", "strata");
      body.put("alerts", Json.alertmanager(events));
      Json.post(url, headers, timeout, body);
    }
  }

  /**
   * POSTs the Alertmanager v2 shape: a JSON array of {@code {labels, annotations, startsAt, endsAt,
   * status}}; {@code url} is e.g. {@code http://am:9093/api/v2/alerts}.
   */
  record Alertmanager(URI url, Map<String, String> headers, Duration timeout) implements AlertSink {
    @Override
    public String name() {
      return "alertmanager";
    }

    @Override
    public void deliver(List<AlertEvent> events) throws IOException {
      Json.post(url, headers, timeout, Json.alertmanager(events));
    }
  }

  /** POSTs {@code {"text": "…"}}, one line per event, to a Slack-compatible incoming webhook. */
  record Slack(URI url, Map<String, String> headers, Duration timeout) implements AlertSink {
    @Override
    public String name() {
      return "slack";
    }

    @Override
    public void deliver(List<AlertEvent> events) throws IOException {
      StringBuilder text = new StringBuilder();
      for (AlertEvent e : events) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        String mark = e.state() == AlertEvent.State.FIRING ? ":red_circle:" : ":white_check_mark:";
        text.append(mark)
            .append(" [")
            .append(e.state().label().toUpperCase(Locale.ROOT))
            .append("] ")
            .append(e.key())
            .append(": ")
            .append(e.summary());
      }
      Json.post(url, headers, timeout, Map.of("text", text.toString()));
    }
  }

  /** JSON rendering and posting shared by the HTTP sinks. */
  final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final HttpClient CLIENT =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Json() {}

    static List<Object> alertmanager(List<AlertEvent> events) {
      List<Object> out = new ArrayList<>();
      for (AlertEvent e : events) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("labels", e.labels());
        Map<String, String> ann = new LinkedHashMap<>();
        ann.put("summary", e.summary());
        ann.put("description", e.description());
        a.put("annotations", ann);
        a.put("startsAt", e.startsAt().toString());
        Instant end = e.endsAt();
        if (end != null) {
          a.put("endsAt", end.toString());
        }
        a.put("status", e.state().label());
        out.add(a);
      }
      return out;
    }

    static void post(URI url, Map<String, String> headers, Duration timeout, Object body)
        throws IOException {
      HttpRequest.Builder rb =
          HttpRequest.newBuilder(url)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
      headers.forEach(rb::header);
      try {
        HttpResponse<Void> r = CLIENT.send(rb.build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
          throw new IOException(url.getHost() + " answered HTTP " + r.statusCode());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while posting the alert", e);
      }
    }
  }
}
