package io.strata.reconciler.daemon;

import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.git.SecretReader;
import io.strata.reconciler.ha.HaDatabase;
import io.strata.reconciler.ha.Spread;
import io.strata.reconciler.http.HttpEndpoints;
import io.strata.reconciler.http.PushEvent;
import io.strata.reconciler.http.WebhookAuth;
import io.strata.reconciler.metrics.StrataMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A multi-repository deployment ({@code repositories:} in strata.yaml): one {@link Daemon} per
 * repository in this process, each with its own Git mirror, cycles, status branch, simulated
 * cluster and (with {@code ha:}) its own Quartz cluster and lease, so that the instances of a
 * deployment spread the repositories among themselves. One HTTP listener serves them all: {@code
 * /healthz} (the repositories this instance is active for, and each one's health), {@code /metrics}
 * (each series labelled {@code repository}), {@code /hooks/git} (a push goes to every repository on
 * the pushed branch), and the web view of each at {@code /repositories/<name>/}.
 */
public final class Fleet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

  private final StrataConfig config;
  private final List<Daemon<?, ?>> members;
  private final SecretReader secrets;
  private HttpEndpoints http;
  private Spread spread; // with ha:

  public Fleet(StrataConfig config, List<? extends Daemon<?, ?>> members, SecretReader secrets) {
    this.config = config;
    this.members = List.copyOf(members);
    this.secrets = secrets;
  }

  /** Starts every repository's daemon, then the shared listener. */
  public synchronized void start() {
    List<Daemon<?, ?>> started = new ArrayList<>();
    if (config.ha() != null) {
      spread =
          new Spread(
              HaDatabase.of(config.ha(), secrets),
              members.stream().map(Daemon::haRepository).toList(),
              config.ha().checkinInterval());
      members.forEach(d -> d.spreadWith(spread));
    }
    try {
      for (Daemon<?, ?> d : members) {
        try {
          d.start();
        } catch (RuntimeException e) {
          // logged here: stopping the others first may take a while, and the cause must not wait
          LOG.error("cannot start repository {}: {}", d.name(), e.toString(), e);
          throw e;
        }
        started.add(d);
      }
      String secret =
          config.git().webhookSecret() == null ? null : secrets.read(config.git().webhookSecret());
      http =
          new HttpEndpoints(
              config.http().bind(),
              config.http().port(),
              config.http().readTimeout(),
              null,
              new WebhookAuth(secret, config.http().allowUnauthenticatedWebhook()),
              this::pushed,
              this::health,
              () -> StrataMetrics.scrape(members.stream().map(Daemon::metrics).toList()));
    } catch (IOException e) {
      started.forEach(Daemon::stop);
      throw new UncheckedIOException(
          "cannot listen on " + config.http().bind() + ":" + config.http().port(), e);
    } catch (RuntimeException e) {
      started.forEach(Daemon::stop);
      throw e;
    }
    for (Daemon<?, ?> d : members) {
      var handler = d.viewHandler();
      if (handler != null) {
        http.mount("/repositories/" + d.name() + "/", handler);
      }
    }
    http.mount("/", new FleetIndex(this::members));
    LOG.info(
        "serving {} repositories, http on {}:{}",
        members.size(),
        config.http().bind(),
        http.port());
  }

  List<Daemon<?, ?>> members() {
    return members;
  }

  private boolean pushed(PushEvent push) {
    boolean queued = false;
    for (Daemon<?, ?> d : members) {
      if (push.concerns(d.branch())) {
        queued |= d.pushed(push);
      }
    }
    return queued;
  }

  /**
   * Healthy while every repository is (a standby repository while the database answers); {@code
   * repositories} lists those this instance is active for, {@code members} each one's own answer.
   */
  HttpEndpoints.Health health() {
    boolean ok = true;
    List<String> active = new ArrayList<>();
    StringBuilder each = new StringBuilder();
    String instance = config.ha() == null ? null : config.ha().instanceId();
    for (Daemon<?, ?> d : members) {
      HttpEndpoints.Health h = d.health();
      ok &= h.ok();
      if (d.active()) {
        active.add(d.name());
      }
      each.append(each.isEmpty() ? "" : ",")
          .append("\"")
          .append(d.name())
          .append("\":")
          .append(h.json().strip());
    }
    String json =
        "{\"status\":\""
            + (ok ? "ok" : "unhealthy")
            + "\",\"instanceId\":"
            + (instance == null ? "null" : "\"" + instance.replace("\"", "\\\"") + "\"")
            + ",\"role\":\""
            + (active.isEmpty() ? "standby" : "active")
            + "\",\"repositories\":["
            + String.join(",", active.stream().map(n -> "\"" + n + "\"").toList())
            + "],\"members\":{"
            + each
            + "}}\n";
    return new HttpEndpoints.Health(ok, json);
  }

  /** The bound port (for {@code http.port: 0}). */
  public int httpPort() {
    return http.port();
  }

  /** Stops every repository's daemon (each lets its running cycle finish), then the listener. */
  public synchronized void stop() {
    for (Daemon<?, ?> d : members) {
      d.stop();
    }
    if (http != null) {
      http.close();
      http = null;
    }
    if (spread != null) {
      spread.close();
    }
  }

  /** Blocks until every member has stopped. */
  public void awaitStop() throws InterruptedException {
    for (Daemon<?, ?> d : members) {
      d.awaitStop();
    }
  }

  /** Registers a JVM shutdown hook (SIGTERM, SIGINT) that stops every repository gracefully. */
  public void installShutdownHook() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "strata-shutdown"));
  }

  @Override
  public void close() {
    stop();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
