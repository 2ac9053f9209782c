package io.strata.reconciler.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.strata.reconciler.cli.Main;
import io.strata.reconciler.config.ConfigLoader;
import io.strata.reconciler.config.StrataConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** ssh:// through JGit's Apache MINA transport, with pinned host keys, against a local server. */
class GitSshTransportTest {
  @TempDir Path tmp;

  private PublicKey clientKey() throws Exception {
    GitCli.run(
        tmp,
        "ssh-keygen",
        "-q",
        "-t",
        "ecdsa",
        "-b",
        "256",
        "-N",
        "",
        "-f",
        tmp.resolve("id_ecdsa").toString());
    String pub = Files.readString(tmp.resolve("id_ecdsa.pub")).strip();
    return PublicKeyEntry.parsePublicKeyEntry(pub).resolvePublicKey(null, null, null);
  }

  private StrataConfig config(int port, String pinnedLine) {
    return ConfigLoader.parse(
        "strata.yaml",
        "git:\n"
            + "  url: ssh://git@127.0.0.1:"
            + port
            + "/remote.git\n"
            + "  knownHosts: ['"
            + pinnedLine
            + "']\n"
            + "ssh: {identityFile: id_ecdsa}\n",
        tmp);
  }

  @Test
  void fetchesOverSshWhenTheHostKeyIsPinnedAndRefusesAnyOtherKey() throws Exception {
    GitCli cli = GitCli.create(tmp);
    String c = cli.commitAndPush("pg", "volumes/pg.yaml", "kind: Volume\n");
    try (GitSshServer server = new GitSshServer(tmp, tmp.resolve("hostkey.ser"), clientKey())) {
      String pinned =
          "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(server.hostKey());
      try (GitSource src =
          GitSource.open(
              config(server.port(), pinned), tmp.resolve("ok"), new SecretReader(tmp, Map.of()))) {
        assertEquals(new FetchResult.Fetched(c), src.fetch());
        assertEquals(List.of("volumes/pg.yaml"), List.copyOf(src.manifests(c).keySet()));
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      String wrong =
          "[127.0.0.1]:"
              + server.port()
              + " "
              + PublicKeyEntry.toString(g.generateKeyPair().getPublic());
      try (GitSource src =
          GitSource.open(
              config(server.port(), wrong), tmp.resolve("bad"), new SecretReader(tmp, Map.of()))) {
        assertInstanceOf(FetchResult.Failed.class, src.fetch());
      }
    }
  }

  /** Issue 8 item 5: the CLI fetches ssh:// through the daemon's source, pinned key and all. */
  @Test
  void theCliPlansACommitFromAnSshUrl() throws Exception {
    GitCli cli = GitCli.create(tmp);
    String head =
        cli.commitAndPush(
            "sample",
            "manifests/cluster.yaml",
            Files.readString(Path.of("src/test/resources/sample/manifests/cluster.yaml")));
    PublicKey client = clientKey();
    try (GitSshServer server = new GitSshServer(tmp, tmp.resolve("hostkey.ser"), client)) {
      String pinned =
          "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(server.hostKey());
      Path cfg = tmp.resolve("config/strata.yaml");
      Files.createDirectories(cfg.getParent());
      Files.writeString(
          cfg,
          "git:\n  url: ssh://git@127.0.0.1:"
              + server.port()
              + "/remote.git\n  path: manifests\n  knownHosts: ['"
              + pinned
              + "']\nssh: {identityFile: "
              + tmp.resolve("id_ecdsa")
              + "}\nsimulation: {stateDir: memory}\n");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          Main.run(
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              "plan",
              "--config",
              cfg.toString(),
              "--format",
              "json");
      assertEquals(0, code, err.toString());
      assertEquals(
          head, JsonMapper.builder().build().readTree(out.toString()).get("commit").asString());
    }
  }
}
