package io.strata.executors.host;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The machine Strata runs on: commands through {@link ProcessBuilder} with the argv list (never a
 * shell), files through NIO. Every command gets {@code LC_ALL=C} (parsers and exit-code handling
 * rely on untranslated messages) and {@code LVM_SUPPRESS_FD_WARNINGS=1}; stdin is the given bytes
 * or {@code /dev/null}, because some tools prompt when stdin is a TTY.
 *
 * <p>{@code root}, when set, prefixes every file path (not command arguments), so tests can point
 * the file operations at a temporary directory.
 */
public final class LocalHost implements Host {
  /** Default cap on each of stdout and stderr. */
  public static final long DEFAULT_OUTPUT_CAP = 64L * 1024 * 1024;

  /** Exit code reported when the command could not be started (as a shell reports it). */
  public static final int EXIT_CANNOT_START = 127;

  /** Exit code reported when the output cap was exceeded and the command was killed. */
  public static final int EXIT_OUTPUT_CAP = -2;

  /** Exit code reported when the command timed out and was killed. */
  public static final int EXIT_TIMED_OUT = -1;

  /** The environment every command gets, on top of the inherited one. */
  public static final Map<String, String> ENVIRONMENT =
      Map.of("LC_ALL", "C", "LVM_SUPPRESS_FD_WARNINGS", "1");

  private static final File DEV_NULL = new File("/dev/null");

  private final String name;
  private final LocalFiles files;
  private final long outputCap;

  public LocalHost(String name) {
    this(name, null, DEFAULT_OUTPUT_CAP);
  }

  /**
   * @param root prefix for file paths, or null for the real file system
   * @param outputCap maximum bytes kept of each of stdout and stderr before the command is killed
   */
  public LocalHost(String name, Path root, long outputCap) {
    this.name = Objects.requireNonNull(name, "name");
    if (outputCap <= 0) {
      throw new IllegalArgumentException("outputCap must be positive, got " + outputCap);
    }
    this.files = new LocalFiles(root);
    this.outputCap = outputCap;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Readies the JVM's machinery for starting processes (its environment copy, the classes that
   * start and reap them) without starting one: the first command of a process otherwise pays about
   * 10 ms for it (docs/decisions/044). No effect anyone can observe.
   */
  public static void prepareToRun() {
    new ProcessBuilder().environment().putAll(ENVIRONMENT);
    try {
      Class.forName("java.lang.ProcessImpl", true, ProcessBuilder.class.getClassLoader());
      Class.forName("java.lang.ProcessHandleImpl", true, ProcessBuilder.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      // another JDK's names: the first command pays for it, as without this
    }
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout) {
    return run(argv, stdin, timeout, OutputListener.NONE);
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout, OutputListener stderr) {
    try {
      return finish(start(argv, stdin, stderr, null), timeout);
    } catch (IOException e) {
      return cannotStart(argv, e);
    }
  }

  /**
   * Reads the document as it arrives and answers when its last bracket is in, while the command may
   * still be exiting; its end is then awaited on a thread of its own (docs/decisions/045). A
   * command that ends, fails or times out before its document is complete answers as {@link #run}.
   */
  @Override
  public EarlyAnswer runForDocument(List<String> argv, Duration timeout) {
    JsonDocumentEnd end = new JsonDocumentEnd();
    Running r;
    try {
      r = start(argv, new byte[0], OutputListener.NONE, end);
    } catch (IOException e) {
      return EarlyAnswer.after(cannotStart(argv, e));
    }
    long length;
    try {
      length = end.reached().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      length = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      length = -1;
    }
    if (length < 0 || r.out().overflowed()) {
      return EarlyAnswer.after(finish(r, timeout));
    }
    byte[] document = Arrays.copyOf(r.out().bytes(), (int) length);
    CompletableFuture<Result> whole = new CompletableFuture<>();
    daemon(
        () -> {
          try {
            whole.complete(finish(r, timeout));
          } catch (RuntimeException | Error e) {
            whole.completeExceptionally(e);
          }
        },
        "exit");
    return new EarlyAnswer(document, whole);
  }

  /**
   * Starts {@code argv} with its output being drained; {@code documentEnd} (nullable) watches
   * stdout as it arrives and is told when it has ended.
   *
   * @throws IOException when the command cannot be started
   */
  private Running start(
      List<String> argv, byte[] stdin, OutputListener stderr, JsonDocumentEnd documentEnd)
      throws IOException {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("run: argv is empty — give at least the program name");
    }
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(ENVIRONMENT);
    boolean hasStdin = stdin != null && stdin.length > 0;
    if (!hasStdin) {
      pb.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
    }
    Process p = pb.start();
    long started = System.nanoTime();
    BoundedCollector out =
        new BoundedCollector(
            p.getInputStream(),
            outputCap,
            () -> kill(p),
            documentEnd == null ? OutputListener.NONE : documentEnd);
    BoundedCollector err =
        new BoundedCollector(p.getErrorStream(), outputCap, () -> kill(p), stderr);
    Thread outThread =
        daemon(
            () -> {
              out.run();
              if (documentEnd != null) {
                documentEnd.closed();
              }
            },
            "stdout");
    Thread errThread = daemon(err, "stderr");
    Thread inThread = hasStdin ? daemon(() -> feed(p, stdin), "stdin") : null;
    return new Running(argv, p, started, out, err, outThread, errThread, inThread);
  }

  /** A started command whose output is being drained. */
  private record Running(
      List<String> argv,
      Process p,
      long started,
      BoundedCollector out,
      BoundedCollector err,
      Thread outThread,
      Thread errThread,
      Thread inThread) {}

  /** Waits for the command to end within {@code timeout} of its start, and collects it. */
  private Result finish(Running r, Duration timeout) {
    List<String> argv = r.argv();
    Process p = r.p();
    BoundedCollector out = r.out();
    BoundedCollector err = r.err();
    long deadline = r.started() + timeout.toNanos();
    boolean finished;
    try {
      finished = p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (!finished) {
        kill(p);
        p.waitFor(5, TimeUnit.SECONDS);
      }
      // A background grandchild may still hold the pipes open after the process exited.
      long joinMillis = Math.max(1000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      r.outThread().join(joinMillis);
      r.errThread().join(joinMillis);
      if (r.outThread().isAlive() || r.errThread().isAlive()) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        r.outThread().join(5000);
        r.errThread().join(5000);
      }
      if (r.inThread() != null) {
        r.inThread().join(1000);
      }
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      return new Result(argv, EXIT_TIMED_OUT, out.bytes(), bytes(err, "interrupted"), true);
    }
    if (!finished) {
      return new Result(
          argv,
          EXIT_TIMED_OUT,
          out.bytes(),
          bytes(err, "timed out after " + timeout + "; the process tree was killed"),
          true);
    }
    if (out.overflowed() || err.overflowed()) {
      String which = out.overflowed() ? "stdout" : "stderr";
      return new Result(
          argv,
          EXIT_OUTPUT_CAP,
          out.bytes(),
          bytes(
              err,
              which
                  + " exceeded the output cap of "
                  + outputCap
                  + " bytes; the process tree was killed — narrow the command's output"),
          false);
    }
    for (BoundedCollector c : List.of(out, err)) {
      if (c.failure() != null) {
        throw new UncheckedIOException("reading the output of " + argv.get(0), c.failure());
      }
    }
    return new Result(argv, p.exitValue(), out.bytes(), err.bytes(), false);
  }

  private static Result cannotStart(List<String> argv, IOException e) {
    return Result.failed(argv, EXIT_CANNOT_START, "cannot start " + argv.get(0) + ": " + e);
  }

  /** Kills the whole tree: children first, since they are re-parented once the parent dies. */
  private static void kill(Process p) {
    List<ProcessHandle> tree = p.descendants().toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static void feed(Process p, byte[] stdin) {
    try (OutputStream os = p.getOutputStream()) {
      os.write(stdin);
    } catch (IOException e) {
      // The command exited without reading all of its input; its exit code tells the story.
    }
  }

  private static byte[] bytes(BoundedCollector err, String note) {
    byte[] e = err.bytes();
    String sep = e.length == 0 || e[e.length - 1] == '\n' ? "" : "\n";
    byte[] n = (sep + "strata: " + note + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[e.length + n.length];
    System.arraycopy(e, 0, all, 0, e.length);
    System.arraycopy(n, 0, all, e.length, n.length);
    return all;
  }

  private Thread daemon(Runnable r, String what) {
    Thread t = new Thread(r, "localhost-" + name + "-" + what);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public void writeFile(Path path, byte[] content, int mode) {
    files.write(path, content, mode);
  }

  @Override
  public Optional<byte[]> readFile(Path path) {
    return files.read(path);
  }

  @Override
  public List<String> list(Path dir) {
    return files.list(dir);
  }

  @Override
  public FileTree readTree(Path root, int maxDepth, Collection<String> read) {
    return files.readTree(root, maxDepth, read);
  }

  @Override
  public void deleteFile(Path path) {
    files.delete(path);
  }
}
