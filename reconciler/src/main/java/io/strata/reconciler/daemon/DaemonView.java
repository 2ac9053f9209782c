package io.strata.reconciler.daemon;

import com.sun.net.httpserver.HttpHandler;
import java.util.function.Supplier;

/**
 * A view served on the daemon's HTTP listener at {@code /} (the web page and JSON API), chosen by
 * whoever builds the daemon so that the daemon does not depend on it: it watches the result of
 * every step the cycles run and reads the daemon's own facts.
 */
public interface DaemonView<D, O> {
  /** The steps the daemon runs: {@code steps}, watched by this view. */
  CycleSteps<D, O> watch(CycleSteps<D, O> steps);

  /** The handler for {@code /}; {@code facts} is read from the HTTP threads. */
  HttpHandler handler(Supplier<DaemonFacts> facts);
}
