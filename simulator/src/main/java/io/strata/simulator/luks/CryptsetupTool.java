package io.strata.simulator.luks;

import io.strata.executors.host.Result;
import io.strata.simulator.cmd.Args;
import io.strata.simulator.cmd.Args.Opt;
import io.strata.simulator.cmd.DataLedger;
import io.strata.simulator.cmd.Devices;
import io.strata.simulator.cmd.Ids;
import io.strata.simulator.cmd.Invocation;
import io.strata.simulator.cmd.Tool;
import io.strata.simulator.state.Content;
import io.strata.simulator.state.CryptMapping;
import io.strata.simulator.state.LuksHeader;
import java.util.List;
import java.util.Optional;

/** Simulated {@code cryptsetup} 2.6 for LUKS2. */
public final class CryptsetupTool implements Tool {
  private static final List<Opt> OPTS =
      List.of(
          Opt.value("type", "-M", "--type"),
          Opt.flag("batch", "-q", "--batch-mode"),
          Opt.value("key-file", "-d", "--key-file"),
          Opt.value("keyfile-size", "-l", "--keyfile-size"),
          Opt.value("cipher", "-c", "--cipher"),
          Opt.value("key-size", "-s", "--key-size"),
          Opt.value("label", "--label"),
          Opt.value("subsystem", "--subsystem"),
          Opt.value("pbkdf", "--pbkdf"),
          Opt.value("pbkdf-memory", "--pbkdf-memory"),
          Opt.value("pbkdf-parallel", "--pbkdf-parallel"),
          Opt.value("pbkdf-force-iterations", "--pbkdf-force-iterations"),
          Opt.value("iter-time", "-i", "--iter-time"),
          Opt.value("sector-size", "--sector-size"),
          Opt.value("tries", "-T", "--tries"),
          Opt.value("size", "-b", "--size"),
          Opt.value("uuid", "--uuid"),
          Opt.value("hash", "-h", "--hash"),
          Opt.flag("allow-discards", "--allow-discards"),
          Opt.flag("readonly", "-r", "--readonly"),
          Opt.flag("test-passphrase", "--test-passphrase"),
          Opt.flag("dump-json", "--dump-json-metadata"),
          Opt.flag("disable-keyring", "--disable-keyring"),
          Opt.flag("verbose", "-v", "--verbose"),
          Opt.flag("debug", "--debug"),
          Opt.flag("version", "-V", "--version"));

  @Override
  public Result run(Invocation inv) {
    Args a;
    try {
      a = Args.parse(inv.args(), OPTS);
    } catch (Args.BadArgs e) {
      return inv.fail(1, "cryptsetup: " + e.getMessage());
    }
    if (a.has("version")) {
      return inv.ok("cryptsetup 2.6.1 flags: UDEV BLKID KEYRING KERNEL_CAPI \n");
    }
    List<String> pos = a.positionals();
    if (pos.isEmpty()) {
      return inv.fail(1, "Argument <action> missing.");
    }
    String action = pos.get(0);
    List<String> rest = pos.subList(1, pos.size());
    return switch (action) {
      case "luksFormat" -> format(inv, a, rest);
      case "open", "luksOpen" ->
          open(inv, a, rest, action.equals("luksOpen") ? "luks" : a.value("type"));
      case "close", "luksClose", "remove" -> CryptMappings.close(inv, rest);
      case "status" -> CryptMappings.status(inv, rest);
      case "resize" -> CryptMappings.resize(inv, a, rest);
      case "isLuks" ->
          withHeader(
              inv,
              rest,
              (dev, h) -> {
                String t = a.value("type");
                boolean ok =
                    h != null && (t == null || t.equals("luks") || t.equals("luks" + h.version));
                return ok
                    ? inv.ok("")
                    : inv.fail(
                        1,
                        a.has("verbose") ? "Device " + dev + " is not a valid LUKS device." : "");
              });
      case "luksDump" ->
          withLuks(
              inv,
              rest,
              (dev, h) -> inv.ok(a.has("dump-json") ? LuksDump.json(h) : LuksDump.text(h)));
      case "luksUUID" -> withLuks(inv, rest, (dev, h) -> inv.ok(h.uuid + "\n"));
      case "config" ->
          withLuks(
              inv,
              rest,
              (dev, h) -> {
                if (a.has("label")) {
                  h.label = a.value("label");
                }
                if (a.has("subsystem")) {
                  h.subsystem = a.value("subsystem");
                }
                return inv.ok("");
              });
      case "erase", "luksErase" -> erase(inv, a, rest);
      default -> inv.fail(1, "Unknown action.");
    };
  }

  private interface HeaderAction {
    Result apply(String dev, LuksHeader h);
  }

  private static Result withHeader(Invocation inv, List<String> rest, HeaderAction f) {
    if (rest.isEmpty()) {
      return inv.fail(1, "Command requires device as argument.");
    }
    Optional<Content> c = content(inv, rest.get(0));
    if (c.isEmpty()) {
      return inv.fail(4, "Device " + rest.get(0) + " does not exist or access denied.");
    }
    return f.apply(rest.get(0), c.get().luks);
  }

  private static Result withLuks(Invocation inv, List<String> rest, HeaderAction f) {
    return withHeader(
        inv,
        rest,
        (dev, h) ->
            h == null
                ? inv.fail(1, "Device " + dev + " is not a valid LUKS device.")
                : f.apply(dev, h));
  }

  static Optional<Content> content(Invocation inv, String dev) {
    return Devices.resolve(inv.cluster(), inv.node(), dev)
        .map(d -> Devices.content(inv.cluster(), inv.node(), d));
  }

  private static Result format(Invocation inv, Args a, List<String> rest) {
    if (rest.isEmpty()) {
      return inv.fail(1, "Command requires device as argument.");
    }
    String dev = rest.get(0);
    Optional<Devices.Dev> d = Devices.resolve(inv.cluster(), inv.node(), dev);
    Content c = d.map(x -> Devices.content(inv.cluster(), inv.node(), x)).orElse(null);
    if (c == null) {
      return inv.fail(4, "Device " + dev + " does not exist or access denied.");
    }
    String path = d.get().path();
    if (Devices.held(inv.cluster(), inv.node(), path)) {
      return inv.fail(5, "Cannot format device " + dev + " which is still in use.");
    }
    if (!a.has("batch")) {
      return inv.fail(
          1,
          "\nWARNING!\n========\nThis will overwrite data on "
              + dev
              + " irrevocably.\n\nAre you sure? (Type 'yes' in capital letters): Operation aborted.\n\n");
    }
    String type = a.value("type");
    if (type != null && !type.equals("luks") && !type.equals("luks1") && !type.equals("luks2")) {
      return inv.fail(1, "Unknown or unsupported device type " + type + " requested.");
    }
    byte[] key = LuksKeys.read(inv, a);
    if (key == null || key.length == 0) {
      return inv.fail(1, "Nothing to read on input.");
    }
    if (Devices.size(inv.cluster(), inv.node(), d.get()) <= Devices.LUKS_HEADER) {
      return inv.fail(1, "Requested data offset is too small.\nDevice " + dev + " is too small.");
    }
    DataLedger.destroy(inv, path, c, "luksFormat");
    LuksHeader h = new LuksHeader();
    h.version = "luks1".equals(type) ? 1 : 2;
    h.uuid = Ids.uuid(inv.node().name + path + c.generation).toString();
    h.salt = Ids.uuid("salt" + h.uuid).toString();
    h.label = a.value("label");
    h.subsystem = a.value("subsystem");
    h.cipher = a.value("cipher") != null ? a.value("cipher") : h.cipher;
    h.keyBits = a.value("key-size") != null ? Integer.parseInt(a.value("key-size")) : h.keyBits;
    h.pbkdf = a.value("pbkdf") != null ? a.value("pbkdf") : h.version == 1 ? "pbkdf2" : "argon2id";
    h.sectorSize = a.value("sector-size") != null ? Integer.parseInt(a.value("sector-size")) : 4096;
    h.keyHashes.add(LuksKeys.hash(h.salt, key));
    h.inner = DataLedger.fresh(inv);
    c.luks = h;
    c.fsType = null;
    return inv.ok("");
  }

  private static Result open(Invocation inv, Args a, List<String> rest, String type) {
    boolean test = a.has("test-passphrase");
    if (rest.isEmpty() || (!test && rest.size() < 2)) {
      return inv.fail(1, "Command requires device and mapped name as arguments.");
    }
    String dev = rest.get(0);
    Optional<Devices.Dev> d = Devices.resolve(inv.cluster(), inv.node(), dev);
    Content c = d.map(x -> Devices.content(inv.cluster(), inv.node(), x)).orElse(null);
    if (c == null) {
      return inv.fail(4, "Device " + dev + " does not exist or access denied.");
    }
    if (c.luks == null
        || (type != null
            && type.startsWith("luks")
            && type.length() == 5
            && type.charAt(4) - '0' != c.luks.version)) {
      return inv.fail(1, "Device " + dev + " is not a valid LUKS device.");
    }
    if (!LuksKeys.matches(c.luks, LuksKeys.read(inv, a))) {
      return inv.fail(2, "No key available with this passphrase.");
    }
    if (test) {
      return inv.ok("");
    }
    String name = rest.get(1);
    if (inv.node().mappings.containsKey(name)) {
      return inv.fail(5, "Device " + name + " already exists.");
    }
    String path = d.get().path();
    if (Devices.held(inv.cluster(), inv.node(), path)) {
      return inv.fail(
          5, "Cannot use device " + dev + " which is in use (already mapped or mounted).");
    }
    CryptMapping m = new CryptMapping();
    m.name = name;
    m.device = path;
    m.dmMinor = inv.node().nextDmMinor++;
    m.readOnly = a.has("readonly");
    m.discards = a.has("allow-discards");
    inv.node().mappings.put(name, m);
    return inv.ok("");
  }

  private static Result erase(Invocation inv, Args a, List<String> rest) {
    return withLuks(
        inv,
        rest,
        (dev, h) -> {
          if (!a.has("batch")) {
            return inv.fail(
                1,
                "\nWARNING!\n========\nThis operation will erase all keyslots on device "
                    + dev
                    + ".\nDevice will become unusable after this operation.\n\nAre you sure? (Type 'yes' in capital letters): Operation aborted.\n");
          }
          Content c = content(inv, dev).orElseThrow();
          String path = Devices.canonical(inv.cluster(), inv.node(), dev);
          if (h.inner != null) {
            DataLedger.destroy(inv, path, h.inner, "luksErase");
          }
          h.keyHashes.clear();
          return inv.ok("");
        });
  }
}
