package io.strata.executors.luks;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Blkid;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Creator;
import io.strata.executors.layer.Deleter;
import io.strata.executors.layer.Exec;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.layer.NodeStateBuilder;
import io.strata.executors.layer.ObservationException;
import io.strata.executors.layer.Observer;
import io.strata.executors.layer.Resizer;
import io.strata.executors.secret.SecretResolver;
import io.strata.executors.secret.SecretUnavailableException;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * LUKS2 containers on one node. Observe lists every crypt mapping with its size once ({@code
 * dmsetup table --target crypt}) and asks {@code cryptsetup status} only for a Strata mapping
 * ({@code strata-} prefix) it has not seen open on that backing device before, for the backing path
 * (decision 025). Format happens only on a device that {@code blkid -p} reports empty; a header
 * with Strata's label and subsystem is opened, anything else is refused.
 */
public final class LuksExecutor implements Observer, Creator, Resizer, Deleter {
  private final SecretResolver secrets;
  private final Pbkdf pbkdf;
  private final BackingPaths backingPaths = new BackingPaths();

  public LuksExecutor(SecretResolver secrets, Pbkdf pbkdf) {
    this.secrets = secrets;
    this.pbkdf = pbkdf;
  }

  public LuksExecutor(SecretResolver secrets) {
    this(secrets, Pbkdf.DEFAULT);
  }

  @Override
  public void observe(Host host, NodeInventory inv, NodeStateBuilder into) {
    if (!inv.uses(Layer.LUKS)) {
      return;
    }
    Result table = Exec.run(host, LuksCommands.table());
    if (!table.success()) {
      throw Exec.observeFailed(host.name(), table);
    }
    Map<String, String[]> seen = new HashMap<>();
    for (LuksParser.Table t : parsed(host, () -> LuksParser.table(table.out()))) {
      if (!t.name().startsWith(LuksDevice.PREFIX)) {
        continue;
      }
      Optional<String> known = backingPaths.path(host.name(), t.name(), t.backing());
      if (known.isPresent()) {
        seen.put(t.name(), new String[] {t.backing(), known.get()});
        into.luksDevices.add(new LuksDevice(t.name(), known.get(), t.sizeBytes(), true));
        continue;
      }
      Result st = Exec.run(host, LuksCommands.status(t.name()));
      if (st.exitCode() == 4) {
        continue; // went away between the two calls
      }
      if (!st.success()) {
        throw Exec.observeFailed(host.name(), st);
      }
      LuksParser.Status s = parsed(host, () -> LuksParser.status(st.out()));
      seen.put(t.name(), new String[] {t.backing(), s.device()});
      into.luksDevices.add(new LuksDevice(t.name(), s.device(), s.sizeBytes(), true));
    }
    backingPaths.replace(host.name(), seen);
  }

  /** A tool's answer parsed, or an exception that names the node. */
  private static <T> T parsed(Host host, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (ObservationException e) {
      throw new ObservationException(host.name() + ": " + e.getMessage(), e);
    }
  }

  // ---- create: (format if empty) + open

  /** The template's derivation when it sets one, else this executor's default. */
  private Pbkdf pbkdf(ObjectSpec.Luks l) {
    return l.pbkdf() == null ? pbkdf : Pbkdf.of(l.pbkdf());
  }

  @Override
  public List<Command> createCommands(Change change) {
    ObjectSpec.Luks l = luks(change.spec());
    byte[] none = new byte[0];
    List<Command> cmds = new ArrayList<>(List.of(Blkid.command(l.backingDevice())));
    if (l.freshBacking()) {
      cmds.add(
          LuksCommands.format(
              l.backingDevice(), l.mapping(), l.cipher(), l.keySize(), pbkdf(l), none));
    }
    cmds.add(LuksCommands.status(l.mapping()));
    cmds.add(LuksCommands.open(l.backingDevice(), l.mapping(), none));
    return cmds;
  }

  @Override
  public ApplyOutcome create(Host host, Change change) {
    ObjectSpec.Luks l = luks(change.spec());
    byte[] key;
    try {
      key = secrets.resolve(l.passphraseRef());
    } catch (SecretUnavailableException e) {
      return ApplyOutcome.terminal(e.getMessage());
    }
    Blkid.Content c = Blkid.parse(Exec.run(host, Blkid.command(l.backingDevice())));
    if (c.failed()) {
      return ApplyOutcome.transientFailure(
          "cannot probe " + l.backingDevice() + " (blkid failed); it may not have appeared yet");
    }
    if (c.empty() && !l.freshBacking()) {
      return ApplyOutcome.terminal(
          "refusing to format "
              + l.backingDevice()
              + ": it probes empty but was not created by this plan, so it may hold data; a"
              + " closed Strata container would carry the label "
              + LuksCommands.label(l.mapping())
              + ". Check the device by hand");
    }
    if (c.empty()) {
      Result f =
          Exec.run(
              host,
              LuksCommands.format(
                  l.backingDevice(), l.mapping(), l.cipher(), l.keySize(), pbkdf(l), key));
      if (!f.success()) {
        return Exec.failure("formatting " + l.backingDevice(), f);
      }
    } else if (!ours(c, l.mapping())) {
      return ApplyOutcome.terminal(
          "would format a device holding data: "
              + l.backingDevice()
              + " probes as "
              + c.describe()
              + "; Strata formats only empty devices and opens only headers"
              + " labelled "
              + LuksCommands.label(l.mapping())
              + " with subsystem "
              + LuksCommands.SUBSYSTEM);
    }
    Result st = Exec.run(host, LuksCommands.status(l.mapping()));
    if (st.success()) {
      return ApplyOutcome.ok(l.mapping() + " is already open");
    }
    Result o = Exec.run(host, LuksCommands.open(l.backingDevice(), l.mapping(), key));
    if (o.exitCode() == 2) {
      return ApplyOutcome.terminal(
          "the passphrase from "
              + l.passphraseRef()
              + " does not open "
              + l.backingDevice()
              + " (cryptsetup rc 2); restore the key that formatted it");
    }
    if (o.exitCode() == 5 && Exec.run(host, LuksCommands.status(l.mapping())).success()) {
      // "already exists": an earlier attempt whose connection was lost opened it after all (the
      // retry's status ran before that open finished on the node); the kernel lab showed it
      return ApplyOutcome.ok(l.mapping() + " is already open");
    }
    return o.success()
        ? ApplyOutcome.ok("opened " + l.mapping())
        : Exec.failure("opening " + l.backingDevice(), o);
  }

  private static boolean ours(Blkid.Content c, String mapping) {
    return c.type().equals("crypto_LUKS")
        && LuksCommands.SUBSYSTEM.equals(c.tags().get("SUBSYSTEM"))
        && LuksCommands.label(mapping).equals(c.tags().get("LABEL"));
  }

  // ---- resize

  @Override
  public List<Command> resizeCommands(Change change) {
    return List.of(LuksCommands.resize(luks(change.spec()).mapping(), new byte[0]));
  }

  @Override
  public ApplyOutcome resize(Host host, Change change) {
    ObjectSpec.Luks l = luks(change.spec());
    byte[] key;
    try {
      key = secrets.resolve(l.passphraseRef());
    } catch (SecretUnavailableException e) {
      return ApplyOutcome.terminal(e.getMessage());
    }
    Result r = Exec.run(host, LuksCommands.resize(l.mapping(), key));
    return r.success()
        ? ApplyOutcome.ok("resized " + l.mapping())
        : Exec.failure("resizing " + l.mapping(), r);
  }

  // ---- delete: close, then destroy our header

  @Override
  public List<Command> deleteCommands(Change change) {
    ObjectSpec.Luks l = luks(change.spec());
    List<Command> c = new ArrayList<>();
    c.add(LuksCommands.close(l.mapping()));
    c.add(Blkid.command(l.backingDevice()));
    c.addAll(LuksCommands.destroyHeader(l.backingDevice()));
    return c;
  }

  @Override
  public ApplyOutcome delete(Host host, Change change) {
    ObjectSpec.Luks l = luks(change.spec());
    if (!l.mapping().startsWith(LuksDevice.PREFIX)) {
      return ApplyOutcome.terminal("mapping " + l.mapping() + " is not a Strata mapping");
    }
    Result close = Exec.run(host, LuksCommands.close(l.mapping()));
    if (!close.success() && close.exitCode() != 4) { // rc 4: not open
      return Exec.failure("closing " + l.mapping(), close);
    }
    Blkid.Content c = Blkid.parse(Exec.run(host, Blkid.command(l.backingDevice())));
    if (c.empty() || c.failed()) {
      return ApplyOutcome.ok("closed " + l.mapping() + "; no header left on " + l.backingDevice());
    }
    if (!ours(c, l.mapping())) {
      return ApplyOutcome.ok(
          "closed "
              + l.mapping()
              + "; left "
              + l.backingDevice()
              + " alone: its header is not"
              + " Strata's ("
              + c.describe()
              + ")");
    }
    for (Command cmd : LuksCommands.destroyHeader(l.backingDevice())) {
      Result r = Exec.run(host, cmd);
      if (!r.success()) {
        return Exec.failure("destroying the LUKS header on " + l.backingDevice(), r);
      }
    }
    return ApplyOutcome.ok("closed " + l.mapping() + " and destroyed its header");
  }

  static ObjectSpec.Luks luks(ObjectSpec spec) {
    if (spec instanceof ObjectSpec.Luks l) {
      return l;
    }
    throw new IllegalArgumentException(
        "the LUKS executor got a " + spec.getClass().getSimpleName());
  }
}
