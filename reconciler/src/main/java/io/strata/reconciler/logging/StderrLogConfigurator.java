package io.strata.reconciler.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * Strata's logging configuration, set up in code (found by Logback through {@code
 * META-INF/services}): stdout carries only a command's product, so every log line goes to stderr,
 * one line per event ({@link StderrLayout}): the exception chain folded into the line, control
 * characters (NULs from JGit, newlines) replaced, no stack traces. Strata logs at INFO ({@code
 * logging.level} or {@code --log-level} change it, {@link LogSettings}); JGit, MINA SSHD, Quartz
 * and every other library at WARN.
 *
 * <p>In code rather than a {@code logback.xml}: Logback's XML reader (SAX, Joran) cost about a
 * tenth of a short command's CPU at every start (docs/decisions/033). A {@code logback-test.xml} on
 * the class path (the tests') or {@code -Dlogback.configurationFile=…} (an operator's own
 * configuration) still wins: this configurator then stands aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class StderrLogConfigurator extends ContextAwareBase implements Configurator {
  static final String APPENDER = "STDERR";

  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    if (standsAside(
        StderrLogConfigurator.class.getClassLoader(),
        System.getProperty("logback.configurationFile"))) {
      return ExecutionStatus.NEUTRAL; // Logback's own XML configurator reads that file next
    }
    apply(ctx);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Whether another configuration is there to use: a file named by the property, or the tests'. */
  static boolean standsAside(ClassLoader classPath, String configurationFile) {
    return configurationFile != null || classPath.getResource("logback-test.xml") != null;
  }

  /** Strata's configuration, applied to {@code ctx}. */
  static void apply(LoggerContext ctx) {
    ctx.getStatusManager().add(new NopStatusListener());
    StderrLayout layout = new StderrLayout();
    layout.setContext(ctx);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(ctx);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(ctx);
    stderr.setName(APPENDER);
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ctx.getLogger(LogSettings.STRATA).setLevel(Level.INFO);
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
  }
}
