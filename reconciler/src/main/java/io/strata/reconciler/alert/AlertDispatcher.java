package io.strata.reconciler.alert;

import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.metrics.StrataMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert events to every sink, each on its own single thread with a bounded queue: {@link
 * #publish} never blocks (a full queue drops the batch, logged and counted), a failing delivery is
 * retried a bounded number of times with exponential backoff, then logged and counted.
 * Reconciliation never waits for a sink.
 */
public final class AlertDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  /** Retry and queue bounds. */
  public record Delivery(int attempts, Duration firstBackoff, Duration maxBackoff, int queue) {
    public static final Delivery DEFAULT =
        new Delivery(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 256);
  }

  private final List<Lane> lanes = new ArrayList<>();
  private final StrataMetrics metrics;
  private final Delivery delivery;

  private record Lane(AlertSink sink, ThreadPoolExecutor executor) {}

  public AlertDispatcher(List<AlertSink> sinks, Delivery delivery, StrataMetrics metrics) {
    this.metrics = metrics;
    this.delivery = delivery;
    for (AlertSink s : sinks) {
      ThreadPoolExecutor ex =
          new ThreadPoolExecutor(
              1,
              1,
              0,
              TimeUnit.SECONDS,
              new ArrayBlockingQueue<>(delivery.queue()),
              r -> {
                Thread t = new Thread(r, "strata-alert-" + s.name());
                t.setDaemon(true);
                return t;
              });
      lanes.add(new Lane(s, ex));
    }
  }

  /** The sinks of {@code alerts} in {@code strata.yaml}. */
  public static List<AlertSink> sinks(List<StrataConfig.Alert> alerts) {
    Duration timeout = Duration.ofSeconds(10);
    List<AlertSink> out = new ArrayList<>();
    for (StrataConfig.Alert a : alerts) {
      out.add(
          switch (a.type()) {
            case "log" -> new AlertSink.Log();
            case "webhook" -> new AlertSink.Webhook(URI.create(a.url()), a.headers(), timeout);
            case "alertmanager" ->
                new AlertSink.Alertmanager(URI.create(a.url()), a.headers(), timeout);
            case "slack" -> new AlertSink.Slack(URI.create(a.url()), a.headers(), timeout);
            default -> throw new IllegalArgumentException("unknown alert sink " + a.type());
          });
    }
    return out;
  }

  /** Queues the events for every sink and returns at once. */
  public void publish(List<AlertEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<AlertEvent> batch = List.copyOf(events);
    for (Lane lane : lanes) {
      try {
        lane.executor().execute(() -> deliver(lane.sink(), batch));
      } catch (RejectedExecutionException e) {
        metrics.alertDropped();
        LOG.warn(
            "alert queue of sink {} is full or closed: {} event(s) dropped",
            lane.sink().name(),
            batch.size());
      }
    }
  }

  private void deliver(AlertSink sink, List<AlertEvent> batch) {
    long backoff = delivery.firstBackoff().toMillis();
    for (int attempt = 1; attempt <= delivery.attempts(); attempt++) {
      try {
        sink.deliver(batch);
        metrics.alertDelivered(sink.name());
        return;
      } catch (Exception e) {
        LOG.warn(
            "alert delivery to {} failed (attempt {}/{}): {}",
            sink.name(),
            attempt,
            delivery.attempts(),
            e.getMessage());
        if (attempt == delivery.attempts()) {
          break;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
        backoff = Math.min(backoff * 2, delivery.maxBackoff().toMillis());
      }
    }
    metrics.alertDeliveryFailed(sink.name());
    metrics.failure(StrataMetrics.Stage.ALERT);
    LOG.error(
        "alert delivery to {} given up: {} event(s) not delivered", sink.name(), batch.size());
  }

  /** Lets queued deliveries finish for up to {@code wait}, then stops. */
  public void close(Duration wait) {
    for (Lane l : lanes) {
      l.executor().shutdown();
    }
    long deadline = System.nanoTime() + wait.toNanos();
    for (Lane l : lanes) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!l.executor().awaitTermination(left, TimeUnit.NANOSECONDS)) {
          l.executor().shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        l.executor().shutdownNow();
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
