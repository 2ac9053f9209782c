package io.strata.reconciler.cli;

import io.strata.executors.host.LocalHost;
import io.strata.schema.validate.SchemaValidator;
import io.strata.schema.yaml.SafeYaml;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads, on a second core, what a command that reads manifests will need next, while the first core
 * is still building picocli's model and reading the configuration (docs/decisions/041).
 *
 * <p>A cold {@code strata plan} spends about 50 ms of its first 100 ms in picocli and another 50 ms
 * later building the schema validator (Jackson, networknt, the schema files) before it checks the
 * first document. Neither depends on the other, so the validator and the YAML parser are built here
 * in parallel; the command thread, when it reaches them, either finds them ready or waits on the
 * JVM's class-initialisation lock for the rest — never for more than building them alone takes. A
 * command that observes nodes then also readies the JVM's process launching, which its first local
 * probe would otherwise pay for (docs/decisions/044). Nothing here has an effect the command could
 * observe: it parses a constant, builds a singleton and initialises JDK classes; no process is
 * started.
 */
final class Warmup {
  /** The commands that parse and validate manifests first. */
  private static final Set<Class<?>> READ_MANIFESTS =
      Set.of(
          ValidateCommand.class,
          PlanCommand.class,
          ApplyCommand.class,
          DriftCommand.class,
          DemoCommand.class,
          DaemonCommand.class);

  /** Of those, the ones that then observe nodes, whose first probe may start a local process. */
  private static final Set<Class<?>> OBSERVE =
      Set.of(PlanCommand.class, ApplyCommand.class, DriftCommand.class, DaemonCommand.class);

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private Warmup() {}

  /** Starts the warm-up once per JVM if {@code commands} is one manifest-reading command. */
  static void startFor(List<Class<?>> commands) {
    if (!wanted(commands, Runtime.getRuntime().availableProcessors())
        || !STARTED.compareAndSet(false, true)) {
      return;
    }
    boolean observes = observes(commands);
    Thread thread = new Thread(() -> run(observes), "strata-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Whether a command line that builds {@code commands} gains from the warm-up on a machine of
   * {@code processors}: one manifest-reading command, and a second core to build on.
   */
  static boolean wanted(List<Class<?>> commands, int processors) {
    return commands.size() == 1 && READ_MANIFESTS.contains(commands.get(0)) && processors >= 2;
  }

  /** Whether the one command of {@code commands} observes nodes after reading the manifests. */
  static boolean observes(List<Class<?>> commands) {
    return commands.size() == 1 && OBSERVE.contains(commands.get(0));
  }

  private static void run(boolean observes) {
    try {
      SafeYaml.parse("warm-up", "kind: Volume\nspec: {size: 1 GiB}\n");
      SchemaValidator.get();
      if (observes) {
        LocalHost.prepareToRun(); // needed after the manifests: last
      }
    } catch (RuntimeException | LinkageError e) {
      // the command meets the same failure on its own thread and reports it there
    }
  }
}
