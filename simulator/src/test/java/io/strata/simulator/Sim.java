package io.strata.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers: run commands, expect exit codes, read fixtures, compare JSON shapes. */
final class Sim {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private Sim() {}

  static Result run(Host h, String... argv) {
    return h.run(List.of(argv));
  }

  static Result runIn(Host h, String stdin, String... argv) {
    return h.run(List.of(argv), stdin.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1));
  }

  static Result ok(Host h, String... argv) {
    Result r = run(h, argv);
    assertEquals(0, r.exitCode(), () -> String.join(" ", argv) + " failed: " + r.err() + r.out());
    return r;
  }

  static void write(Host h, String path, String content) {
    h.writeFile(Path.of(path), content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  static String fixture(String name) {
    try (InputStream in = Sim.class.getResourceAsStream("/sim-fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  static List<String> keys(JsonNode obj) {
    ArrayList<String> out = new ArrayList<>();
    Iterator<String> it = obj.propertyNames().iterator();
    it.forEachRemaining(out::add);
    return out;
  }

  /** Two-node DRBD resource text in the verified LINSTOR-free mesh style. */
  static String res(String name, int minor, int port, String disk) {
    return "# managed-by: strata\nresource \""
        + name
        + "\" {\n"
        + "  options { quorum off; }\n  net { protocol C; }\n"
        + "  on \"alpha\" { address ipv4 10.0.0.1:"
        + port
        + ";\n"
        + "    volume 0 { disk "
        + disk
        + "; meta-disk internal; device minor "
        + minor
        + "; }\n    node-id 0; }\n"
        + "  on \"bravo\" { address ipv4 10.0.0.2:"
        + port
        + ";\n"
        + "    volume 0 { disk "
        + disk
        + "; meta-disk internal; device minor "
        + minor
        + "; }\n    node-id 1; }\n"
        + "  connection-mesh { hosts alpha bravo; }\n}\n";
  }
}
