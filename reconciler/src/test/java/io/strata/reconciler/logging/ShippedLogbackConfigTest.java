package io.strata.reconciler.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped logging configuration ({@link StderrLogConfigurator}; tests themselves run with
 * logback-test.xml), applied to a context of its own: stderr only, Strata at INFO, libraries at
 * WARN, one line per event.
 */
class ShippedLogbackConfigTest {
  static LoggerContext shipped() throws Exception {
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    StderrLogConfigurator.apply(ctx);
    return ctx;
  }

  @Test
  void standsAsideForTheTestsConfigurationOrAnOperatorsFile() {
    ClassLoader tests = ShippedLogbackConfigTest.class.getClassLoader();
    ClassLoader jar =
        new ClassLoader(tests) {
          @Override
          public java.net.URL getResource(String name) {
            return name.equals("logback-test.xml") ? null : super.getResource(name);
          }
        };
    assertTrue(StderrLogConfigurator.standsAside(tests, null), "logback-test.xml wins");
    assertFalse(StderrLogConfigurator.standsAside(jar, null), "the jar: configured in code");
    assertTrue(StderrLogConfigurator.standsAside(jar, "/etc/strata/logback.xml"));
  }

  @Test
  void everythingGoesToStderrAndLibrariesStayAtWarn() throws Exception {
    LoggerContext ctx = shipped();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    Appender<?> a = root.getAppender("STDERR");
    assertTrue(a instanceof ConsoleAppender<?>, "root logs to a console appender");
    assertEquals("System.err", ((ConsoleAppender<?>) a).getTarget());
    assertEquals(Level.WARN, root.getLevel());
    assertEquals(Level.INFO, ctx.getLogger("io.strata.reconciler.daemon").getEffectiveLevel());
    for (String lib : new String[] {"org.eclipse.jgit", "org.apache.sshd", "org.quartz"}) {
      assertEquals(Level.WARN, ctx.getLogger(lib).getEffectiveLevel(), lib);
    }
  }

  @Test
  void anEventIsOneLineWithoutNulsEvenWithAnException() throws Exception {
    LoggerContext ctx = shipped();
    @SuppressWarnings("unchecked")
    ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> a =
        (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    Logger log = ctx.getLogger("io.strata.test");
    LoggingEvent e =
        new LoggingEvent(
            "x",
            log,
            Level.WARN,
            "ref\u0000name\nsecond line",
            new IllegalStateException("outer\nmsg", new RuntimeException("inner")),
            null);
    String line =
        new String(
            ((LayoutWrappingEncoder<ch.qos.logback.classic.spi.ILoggingEvent>) a.getEncoder())
                .encode(e),
            StandardCharsets.UTF_8);
    assertEquals(1, line.split("\n", -1).length - 1, () -> "exactly one newline: " + line);
    assertTrue(line.endsWith("\n"));
    assertFalse(line.contains("\u0000"), line);
    assertTrue(line.contains("WARN"), line);
    assertTrue(line.contains("ref name second line"), line);
    assertTrue(
        line.contains("IllegalStateException: outer msg | java.lang.RuntimeException: inner"),
        line);
  }

  @Test
  void levelFollowsTheSetting() {
    LogSettings.level(LogSettings.LogLevel.debug);
    LoggerContext ctx = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    try {
      assertEquals(Level.DEBUG, ctx.getLogger("io.strata").getLevel());
    } finally {
      LogSettings.level(LogSettings.LogLevel.info);
    }
  }

  @Test
  void jsonFormatWritesOneJsonObjectPerLineToStderr() throws Exception {
    LoggerContext ctx = shipped();
    LogSettings.jsonLines(ctx);
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    ConsoleAppender<?> a = (ConsoleAppender<?>) root.getAppender(LogSettings.JSON_APPENDER);
    assertEquals("System.err", a.getTarget());
    assertEquals(null, root.getAppender("STDERR"), "the text appender is replaced");
    @SuppressWarnings("unchecked")
    var encoder =
        (ch.qos.logback.core.encoder.Encoder<ch.qos.logback.classic.spi.ILoggingEvent>)
            a.getEncoder();
    String line =
        new String(
            encoder.encode(
                new LoggingEvent(
                    "x", ctx.getLogger("io.strata.d"), Level.INFO, "applied\ncreate", null, null)),
            StandardCharsets.UTF_8);
    assertEquals(1, line.split("\n", -1).length - 1, line);
    var node = JsonMapper.builder().build().readTree(line);
    assertEquals("INFO", node.get("level").asString());
    assertEquals("applied\ncreate", node.get("message").asString());
  }
}
