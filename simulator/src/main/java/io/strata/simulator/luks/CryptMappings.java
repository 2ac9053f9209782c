package io.strata.simulator.luks;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Args;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.CryptMapping;
import io.strata.simulator.state.LuksHeader;
import java.util.List;

/** cryptsetup's actions on open mappings: close, status, resize. */
final class CryptMappings {
  private CryptMappings() {}

  static Result close(Invocation inv, List<String> rest) {
    if (rest.isEmpty()) {
      return inv.fail(1, "Command requires device as argument.");
    }
    String name = rest.get(0).replaceFirst("^/dev/mapper/", "");
    if (!inv.node().mappings.containsKey(name)) {
      return inv.fail(4, "Device " + name + " is not active.");
    }
    if (Devices.held(inv.cluster(), inv.node(), "/dev/mapper/" + name)) {
      return inv.fail(5, "Device " + name + " is still in use.");
    }
    inv.node().mappings.remove(name);
    return inv.ok("");
  }

  static Result status(Invocation inv, List<String> rest) {
    if (rest.isEmpty()) {
      return inv.fail(1, "Command requires device as argument.");
    }
    String name = rest.get(0).replaceFirst("^/dev/mapper/", "");
    CryptMapping m = inv.node().mappings.get(name);
    if (m == null) {
      return inv.fail(4, "/dev/mapper/" + name + " is inactive.\n", "");
    }
    Content backing = CryptsetupTool.content(inv, m.device).orElse(new Content());
    LuksHeader h = backing.luks;
    long size =
        Devices.resolve(inv.cluster(), inv.node(), "/dev/mapper/" + name)
            .map(x -> Devices.size(inv.cluster(), inv.node(), x))
            .orElse(0L);
    return inv.ok(
        "/dev/mapper/"
            + name
            + " is active"
            + (holders(inv, name) ? " and is in use.\n" : ".\n")
            + "  type:    LUKS"
            + (h == null ? 2 : h.version)
            + "\n"
            + "  cipher:  "
            + (h == null ? "aes-xts-plain64" : h.cipher)
            + "\n"
            + "  keysize: "
            + (h == null ? 512 : h.keyBits)
            + " bits\n"
            + "  key location: keyring\n"
            + "  device:  "
            + m.device
            + "\n"
            + "  sector size:  "
            + (h == null ? 512 : h.sectorSize)
            + "\n"
            + "  offset:  "
            + Devices.LUKS_HEADER / 512
            + " sectors\n"
            + "  size:    "
            + size / 512
            + " sectors\n"
            + "  mode:    "
            + (m.readOnly ? "readonly" : "read/write")
            + "\n"
            + (m.discards ? "  flags:   discards\n" : ""));
  }

  private static boolean holders(Invocation inv, String name) {
    return Devices.held(inv.cluster(), inv.node(), "/dev/mapper/" + name);
  }

  static Result resize(Invocation inv, Args a, List<String> rest) {
    if (rest.isEmpty()) {
      return inv.fail(1, "Command requires device as argument.");
    }
    String name = rest.get(0).replaceFirst("^/dev/mapper/", "");
    CryptMapping m = inv.node().mappings.get(name);
    if (m == null) {
      return inv.fail(4, "Device " + name + " is not active.");
    }
    Content backing = CryptsetupTool.content(inv, m.device).orElse(null);
    if (a.has("key-file")
        && backing != null
        && backing.luks != null
        && !LuksKeys.matches(backing.luks, LuksKeys.read(inv, a))) {
      return inv.fail(2, "No key available with this passphrase.");
    }
    return inv.ok(""); // the mapping's size follows its backing device
  }
}
