package io.strata.reconciler.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.reconciler.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one resolver of {@code git.url} and {@code --repo} (issue 8 item 5). */
class SourceLocationTest {
  @TempDir Path tmp;

  @Test
  void everyFormOfLocation() throws Exception {
    GitCli cli = GitCli.create(tmp);
    cli.commitAndPush("first", "a.yaml", "kind: Volume\n");

    SourceLocation bare = SourceLocation.resolve("remote.git", tmp);
    assertInstanceOf(SourceLocation.LocalRepository.class, bare, "a bare repository by path");
    assertEquals(cli.bare().toAbsolutePath().normalize().toString(), bare.fetchUrl());

    SourceLocation url = SourceLocation.resolve(cli.bare().toUri().toString(), Path.of("/"));
    assertInstanceOf(SourceLocation.LocalRepository.class, url, "file:// is always Git");
    assertEquals(bare.fetchUrl(), url.fetchUrl());
    assertEquals(
        bare.fetchUrl(),
        SourceLocation.resolve("file://" + cli.bare().toAbsolutePath(), Path.of("/")).fetchUrl());

    SourceLocation work = SourceLocation.resolve(".", cli.work());
    SourceLocation.Folder folder = assertInstanceOf(SourceLocation.Folder.class, work);
    assertTrue(folder.isRepository(), "a clone's work tree holds a repository");
    Files.createDirectories(tmp.resolve("plain"));
    assertFalse(
        ((SourceLocation.Folder) SourceLocation.resolve("plain", tmp)).isRepository(),
        "a plain folder");

    for (String remote :
        new String[] {
          "ssh://git@git.example.com/storage.git",
          "https://git.example.com/storage.git",
          "git@git.example.com:storage/manifests.git"
        }) {
      SourceLocation r = SourceLocation.resolve(remote, tmp);
      assertInstanceOf(SourceLocation.Remote.class, r, remote);
      assertEquals(remote, r.fetchUrl());
    }
  }

  @Test
  void relativePathsResolveAgainstTheBaseGiven() {
    assertEquals(tmp.resolve("repo").toString(), SourceLocation.resolve("./repo", tmp).fetchUrl());
    assertEquals(tmp.toString(), SourceLocation.resolve(".", tmp).fetchUrl());
  }

  @Test
  void anUnusableFileUrlSaysHowToWriteIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> SourceLocation.resolve("file://host/repo.git", tmp));
    assertTrue(e.getMessage().contains("file:///absolute/path"), e.getMessage());
  }
}
