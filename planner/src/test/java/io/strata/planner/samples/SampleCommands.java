package io.strata.planner.samples;

import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.ObjectSpec;
import java.util.List;

/**
 * A stand-in for the executors' command preview: plausible argv per spec, so renderers have
 * commands to show (including quoting cases). Secrets go on stdin ({@code --key-file -}).
 */
public final class SampleCommands implements CommandPreview {
  public static final CommandPreview INSTANCE = new SampleCommands();

  private static final String FILTER = "devices { filter=[\"a|^/dev/sdb$|\", \"r|.*|\"] }";

  @Override
  public List<List<String>> commands(Change c) {
    ObjectSpec s = c.spec();
    return switch (c.action()) {
      case CREATE -> create(s);
      case RESIZE ->
          s instanceof ObjectSpec.Lv lv
              ? List.of(
                  List.of(
                      "lvextend",
                      "--config",
                      FILTER,
                      "-L",
                      lv.sizeBytes() + "b",
                      lv.vg() + "/" + lv.name()))
              : List.of();
      case DELETE ->
          s instanceof ObjectSpec.Lv lv
              ? List.of(List.of("lvremove", "--config", FILTER, "-y", lv.vg() + "/" + lv.name()))
              : List.of();
      case CONNECT ->
          s instanceof ObjectSpec.NvmeAttach a
              ? List.of(
                  List.of(
                      "nvme",
                      "connect",
                      "-t",
                      a.transport(),
                      "-a",
                      a.address(),
                      "-s",
                      Integer.toString(a.serviceId()),
                      "-n",
                      a.nqn()))
              : List.of();
      case DISCONNECT ->
          s instanceof ObjectSpec.NvmeAttach a
              ? List.of(List.of("nvme", "disconnect", "-n", a.nqn()))
              : List.of();
      case UPDATE ->
          s instanceof ObjectSpec.Drbd d
              ? List.of(List.of("drbdadm", "adjust", d.config().resource()))
              : List.of();
      case SNAPSHOT ->
          s instanceof ObjectSpec.StorageSnapshot snap && snap.origin() instanceof ObjectSpec.Lv lv
              ? List.of(
                  List.of(
                      "lvcreate",
                      "--config",
                      FILTER,
                      "-s",
                      "-n",
                      snap.name(),
                      lv.vg() + "/" + lv.name()))
              : List.of();
    };
  }

  private static List<List<String>> create(ObjectSpec s) {
    if (s instanceof ObjectSpec.Lv lv) {
      return List.of(
          List.of(
              "lvcreate",
              "--config",
              FILTER,
              "--addtag",
              "strata",
              "-n",
              lv.name(),
              "-L",
              lv.sizeBytes() + "b",
              lv.vg()));
    }
    if (s instanceof ObjectSpec.Zvol z) {
      return List.of(
          List.of(
              "zfs",
              "create",
              "-s",
              "-V",
              Long.toString(z.sizeBytes()),
              "-o",
              "strata:owner=strata",
              z.dataset()));
    }
    if (s instanceof ObjectSpec.Luks l) {
      return List.of(
          List.of(
              "cryptsetup",
              "luksFormat",
              "--type",
              "luks2",
              "--batch-mode",
              "--key-file",
              "-",
              l.backingDevice()),
          List.of("cryptsetup", "open", "--key-file", "-", l.backingDevice(), l.mapping()));
    }
    if (s instanceof ObjectSpec.Drbd d) {
      String res = d.config().resource();
      return d.freshBacking()
          ? List.of(
              List.of("drbdadm", "create-md", "--max-peers", "2", res),
              List.of("drbdadm", "adjust", res))
          : List.of(List.of("drbdadm", "adjust", res));
    }
    if (s instanceof ObjectSpec.NvmeExport n) {
      return List.of(
          List.of("mkdir", "/sys/kernel/config/nvmet/subsystems/" + n.nqn()),
          List.of(
              "ln",
              "-s",
              "/sys/kernel/config/nvmet/subsystems/" + n.nqn(),
              "/sys/kernel/config/nvmet/ports/" + n.portId() + "/subsystems/" + n.nqn()));
    }
    return List.of();
  }
}
