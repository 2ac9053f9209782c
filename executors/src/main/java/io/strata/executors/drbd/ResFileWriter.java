package io.strata.executors.drbd;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Exec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Installs a resource file the way LINSTOR does: only when its content changed, first as {@code
 * <file>.tmp} (mode 0600: it holds the shared secret), validated by {@code drbdadm --config-to-test
 * … sh-nop}, then written in place (Host.writeFile is atomic) and the temporary file removed.
 */
final class ResFileWriter {
  private ResFileWriter() {}

  static final int MODE = 0600;

  static List<Command> commands(String file) {
    return List.of(
        Command.write(file + ".tmp"),
        DrbdCommands.validate(file + ".tmp", file),
        Command.write(file),
        Command.of(Command.REMOVE, file + ".tmp"));
  }

  /** Null when the file is installed (or already was); otherwise the failure. */
  static ApplyOutcome install(Host host, String file, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Optional<byte[]> existing = host.readFile(Path.of(file));
    if (existing.isPresent() && Arrays.equals(existing.get(), bytes)) {
      return null;
    }
    if (existing.isPresent()
        && !ResFile.isOwned(new String(existing.get(), StandardCharsets.UTF_8))) {
      return ApplyOutcome.terminal(
          file
              + " exists and was not written by Strata (no '"
              + ResFile.HEADER
              + "' header);"
              + " move it away by hand if the resource is to be managed by Strata");
    }
    String tmp = file + ".tmp";
    host.writeFile(Path.of(tmp), bytes, MODE);
    Result r = Exec.run(host, DrbdCommands.validate(tmp, file));
    if (!r.success()) {
      host.deleteFile(Path.of(tmp));
      ApplyOutcome f = Exec.failure("validating the new " + file, r);
      return f instanceof ApplyOutcome.Transient
          ? f
          : ApplyOutcome.terminal(
              f.describe()
                  + " — drbdadm rejected the generated file; check the template's DRBD"
                  + " options");
    }
    host.writeFile(Path.of(file), bytes, MODE);
    host.deleteFile(Path.of(tmp));
    return null;
  }
}
