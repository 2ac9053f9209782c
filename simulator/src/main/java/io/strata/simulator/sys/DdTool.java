package io.strata.simulator.sys;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.DataLedger;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.SuspendedIo;
import io.strata.simulator.state.Content;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code dd if=DEV of=DEV [bs=N] [iflag=…] [oflag=…] [conv=…] [status=…]} between two block
 * devices, as GNU coreutils answers: the target gets the source's data (its identity in the ledger,
 * and its filesystem) — or, when it is smaller, the first part of it and "No space left on device".
 * Whatever the target held is overwritten: the ledger records it when it held data.
 */
final class DdTool {
  private static final Set<String> OPERANDS =
      Set.of("if", "of", "bs", "ibs", "obs", "count", "iflag", "oflag", "conv", "status");

  private DdTool() {}

  static Result run(Invocation inv, List<String> args) {
    Map<String, String> op = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0 || !OPERANDS.contains(a.substring(0, eq))) {
        return inv.fail(
            1, "dd: unrecognized operand '" + a + "'\nTry 'dd --help' for more information.\n");
      }
      op.put(a.substring(0, eq), a.substring(eq + 1));
    }
    if (!op.containsKey("if") || !op.containsKey("of")) {
      return inv.fail(1, "dd: the simulation copies between devices: give if= and of=\n");
    }
    if (op.containsKey("count")) {
      return inv.fail(1, "dd: count= is not simulated\n");
    }
    long bs = blockSize(op.getOrDefault("bs", "512"));
    if (bs <= 0) {
      return inv.fail(1, "dd: invalid number: '" + op.get("bs") + "'\n");
    }
    String from = op.get("if");
    String to = op.get("of");
    Optional<Devices.Dev> src = Devices.resolve(inv.cluster(), inv.node(), from);
    if (src.isEmpty()) {
      return inv.fail(1, "dd: failed to open '" + from + "': No such file or directory\n");
    }
    Optional<Devices.Dev> dst = Devices.resolve(inv.cluster(), inv.node(), to);
    if (dst.isEmpty()) {
      return inv.fail(
          1,
          op.getOrDefault("conv", "").contains("nocreat")
              ? "dd: failed to open '" + to + "': No such file or directory\n"
              : "dd: the simulation does not create regular files ('" + to + "')\n");
    }
    SuspendedIo.check(from, src.get());
    SuspendedIo.check(to, dst.get());
    Content in = Devices.content(inv.cluster(), inv.node(), src.get());
    Content out = Devices.content(inv.cluster(), inv.node(), dst.get());
    if (in == null || out == null) {
      return inv.fail(
          1, "dd: failed to open '" + (in == null ? from : to) + "': Device or resource busy\n");
    }
    long size = Devices.size(inv.cluster(), inv.node(), src.get());
    long room = Devices.size(inv.cluster(), inv.node(), dst.get());
    if (out.dataId == null || !out.dataId.equals(in.dataId) || room < size) {
      DataLedger.destroy(inv, dst.get().path(), out, "dd"); // the same data again loses nothing
    }
    long copied = Math.min(size, room);
    String progress = "progress".equals(op.get("status")) ? progress(copied, bs) : "";
    String summary = progress + records(copied, bs) + copied(copied, seconds(copied)) + "\n";
    if (room < size) {
      out.fsType = null; // a truncated copy is no filesystem and no data anyone can use
      return inv.fail(1, "dd: error writing '" + to + "': No space left on device\n" + summary);
    }
    in.copyDataTo(out);
    return inv.ok("", summary);
  }

  /** The simulated disk's rate: a copy takes copied / RATE seconds, deterministically. */
  static final long RATE = 200_000_000L;

  private static double seconds(long bytes) {
    return Math.max(0.001, (double) bytes / RATE);
  }

  /**
   * What {@code status=progress} redraws on stderr before the summary: one {@code \r}-ended line at
   * each quarter of the copy (the real dd writes one a second), then the spaces and {@code \n} dd
   * ends the last one with.
   */
  private static String progress(long bytes, long bs) {
    StringBuilder s = new StringBuilder();
    for (int q = 1; q <= 3; q++) {
      long done = bytes * q / 4 / bs * bs;
      if (done > 0) {
        s.append('\r').append(copied(done, seconds(done)));
      }
    }
    return s.length() == 0 ? "" : s.append(" \n").toString();
  }

  /** {@code 1073741824 bytes (1.1 GB, 1.0 GiB) copied, 5.36 s, 200 MB/s}, as GNU dd 9 writes it. */
  private static String copied(long bytes, double seconds) {
    String human =
        bytes < 1000 ? "" : " (" + human(bytes, 1000, "") + ", " + human(bytes, 1024, "i") + ")";
    return String.format(
        Locale.ROOT,
        "%d bytes%s copied, %.3g s, %s/s",
        bytes,
        human,
        seconds,
        human((long) (bytes / seconds), 1000, ""));
  }

  private static String human(long b, int base, String i) {
    String units = "kMGTPE";
    double v = b;
    int u = -1;
    while (v >= base && u < units.length() - 1) {
      v /= base;
      u++;
    }
    if (u < 0) {
      return b + " B";
    }
    String unit = (base == 1024 && u == 0 ? "K" : String.valueOf(units.charAt(u))) + i + "B";
    return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, unit);
  }

  private static String records(long bytes, long bs) {
    long full = bytes / bs;
    String partial = bytes % bs == 0 ? "+0" : "+1";
    return full + partial + " records in\n" + full + partial + " records out\n";
  }

  /** {@code 4M}, {@code 1k}, {@code 512}: dd's multiplicative suffixes (binary). */
  private static long blockSize(String s) {
    try {
      String t = s.toUpperCase(Locale.ROOT);
      long unit = 1;
      char last = t.isEmpty() ? '0' : t.charAt(t.length() - 1);
      if ("KMG".indexOf(last) >= 0) {
        unit = 1L << (10 * ("KMG".indexOf(last) + 1));
        t = t.substring(0, t.length() - 1);
      }
      return Long.parseLong(t) * unit;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
