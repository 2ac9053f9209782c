package io.strata.executors.layer;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A small recording Host for executor tests that replay real tool output (fixtures) or script an
 * exact failure the simulated cluster does not produce: files live in a map
 * (writeFile/readFile/list/deleteFile behave like a file system), commands are answered by the
 * first responder whose argv prefix matches (a responder may change state), and everything done is
 * recorded in order. Unknown commands fail with rc 127, so a test sees what it forgot.
 */
public final class FakeHost implements Host {
  private final String name;
  public final Map<Path, byte[]> files = new TreeMap<>();
  public final Map<Path, Integer> modes = new TreeMap<>();

  /** Directories and links (names only), for configfs-like trees. */
  public final Set<Path> dirs = new TreeSet<>();

  /** Every command and file operation, as text: argv joined by spaces, or "write PATH". */
  public final List<String> log = new ArrayList<>();

  /** The stdin each command received, in order (for secret-handling assertions). */
  public final List<byte[]> stdins = new ArrayList<>();

  private final List<Map.Entry<List<String>, Function<List<String>, Result>>> responders =
      new ArrayList<>();

  public FakeHost(String name) {
    this.name = name;
  }

  /** Answers commands starting with {@code prefix}; later registrations take precedence. */
  public FakeHost on(List<String> prefix, Function<List<String>, Result> answer) {
    responders.add(0, Map.entry(List.copyOf(prefix), answer));
    return this;
  }

  public FakeHost ok(List<String> prefix, String stdout) {
    return on(prefix, argv -> Result.ok(argv, stdout));
  }

  public FakeHost fail(List<String> prefix, int rc, String stderr) {
    return on(prefix, argv -> Result.failed(argv, rc, stderr));
  }

  public List<String> commands() {
    return log.stream().filter(l -> !l.startsWith("write ") && !l.startsWith("delete ")).toList();
  }

  public String file(String path) {
    byte[] b = files.get(Path.of(path));
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  public FakeHost file(String path, String content) {
    files.put(Path.of(path), content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** A fixture from src/test/resources/fixtures. */
  public static String fixture(String path) {
    try (InputStream in = FakeHost.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout) {
    log.add(String.join(" ", argv));
    stdins.add(stdin.clone());
    for (var r : responders) {
      List<String> p = r.getKey();
      if (argv.size() >= p.size() && argv.subList(0, p.size()).equals(p)) {
        return r.getValue().apply(argv);
      }
    }
    return Result.failed(argv, 127, argv.get(0) + ": no canned answer in FakeHost");
  }

  @Override
  public void writeFile(Path path, byte[] content, int mode) {
    log.add("write " + path);
    files.put(path, content.clone());
    modes.put(path, mode);
  }

  @Override
  public Optional<byte[]> readFile(Path path) {
    return Optional.ofNullable(files.get(path)).map(byte[]::clone);
  }

  @Override
  public List<String> list(Path dir) {
    return Stream.concat(files.keySet().stream(), dirs.stream())
        .filter(p -> dir.equals(p.getParent()))
        .map(p -> p.getFileName().toString())
        .sorted()
        .distinct()
        .toList();
  }

  @Override
  public void deleteFile(Path path) {
    log.add("delete " + path);
    files.remove(path);
  }
}
