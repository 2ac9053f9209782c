package io.strata.reconciler.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.reconciler.logging.LogSettings.LogFormat;
import io.strata.reconciler.logging.LogSettings.LogLevel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code logging: {level, format}} of §12. */
class LoggingConfigTest {
  static StrataConfig parse(String yaml) {
    return ConfigLoader.parse("strata.yaml", yaml, Path.of("/tmp"));
  }

  @Test
  void defaultsAreInfoAndText() {
    StrataConfig c = parse("{}");
    assertEquals(LogLevel.info, c.logging().level());
    assertEquals(LogFormat.text, c.logging().format());
  }

  @Test
  void levelAndJsonFormatAreRead() {
    StrataConfig c = parse("logging: {level: debug, format: json}");
    assertEquals(LogLevel.debug, c.logging().level());
    assertEquals(LogFormat.json, c.logging().format());
  }

  @Test
  void anUnknownLevelOrKeyIsAnError() {
    assertThrows(ConfigException.class, () -> parse("logging: {level: loud}"));
    assertThrows(ConfigException.class, () -> parse("logging: {colour: true}"));
  }
}
