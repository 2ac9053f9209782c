package io.strata.reconciler.web;

import com.sun.net.httpserver.HttpHandler;
import io.strata.reconciler.daemon.CycleSteps;
import io.strata.reconciler.daemon.DaemonFacts;
import io.strata.reconciler.daemon.DaemonView;
import java.time.Clock;
import java.util.function.Supplier;

/** The web page and JSON API as the daemon's view: a recorder of its steps and the routes. */
public final class WebDaemonView<D, O> implements DaemonView<D, O> {
  /** How often the web page reloads itself. */
  static final int REFRESH_SECONDS = 10;

  private final Clock clock;
  private CycleRecorder<D, O> recorder;

  public WebDaemonView(Clock clock) {
    this.clock = clock;
  }

  @Override
  public CycleSteps<D, O> watch(CycleSteps<D, O> steps) {
    recorder = new CycleRecorder<>(steps, clock);
    return recorder;
  }

  @Override
  public HttpHandler handler(Supplier<DaemonFacts> facts) {
    if (recorder == null) {
      throw new IllegalStateException("watch(steps) first");
    }
    return new WebRoutes(recorder, facts, REFRESH_SECONDS);
  }
}
