package io.strata.executors.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The state-changing operations a persistent simulated cluster received, from every process that
 * opened it, in {@code <stateDir>/commands.log}: one line per operation, tab-separated: when the
 * host was asked (epoch ms), when it finished, the pid, the node, the exit code, the argv joined by
 * spaces. It is how a test tells which process did what to the nodes (two daemons of an HA pair, a
 * paused one that resumed). Each line is one append-mode write, so lines of concurrent processes do
 * not interleave.
 */
public final class CommandJournal {
  /** One journal line. */
  public record Entry(
      long startedMillis, long endedMillis, long pid, String node, int exitCode, String command) {}

  static final String FILE = "commands.log";
  private static final long PID = ProcessHandle.current().pid();

  private final Path file;

  CommandJournal(Path stateDir) {
    this.file = stateDir.resolve(FILE);
  }

  void append(String node, List<String> argv, int rc, long started) {
    boolean mutation =
        argv.get(0).equals("writeFile")
            || argv.get(0).equals("deleteFile")
            || !Probes.readOnly(argv);
    if (!mutation) {
      return;
    }
    String line =
        started
            + "\t"
            + System.currentTimeMillis()
            + "\t"
            + PID
            + "\t"
            + node
            + "\t"
            + rc
            + "\t"
            + String.join(" ", argv).replace('\n', ' ').replace('\t', ' ')
            + "\n";
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file.getParent(), e);
    }
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /** The journal of the cluster persisted in {@code stateDir} (empty when nothing ran yet). */
  public static List<Entry> read(Path stateDir) {
    Path f = stateDir.resolve(FILE);
    List<Entry> out = new ArrayList<>();
    if (!Files.exists(f)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String[] p = line.split("\t", 6);
        if (p.length == 6) {
          out.add(
              new Entry(
                  Long.parseLong(p[0]),
                  Long.parseLong(p[1]),
                  Long.parseLong(p[2]),
                  p[3],
                  Integer.parseInt(p[4]),
                  p[5]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
