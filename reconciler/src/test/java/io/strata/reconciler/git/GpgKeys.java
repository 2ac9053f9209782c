package io.strata.reconciler.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Throwaway OpenPGP keys made by the real {@code gpg} in a private {@code GNUPGHOME}, and commits
 * signed with them by the real {@code git commit -S}: the signatures the verifier meets in the
 * field, not ones a test library produced.
 */
public final class GpgKeys {
  private final Path home;

  private GpgKeys(Path home) {
    this.home = home;
  }

  /** Whether {@code gpg} is on the PATH (tests that need it are skipped, visibly, otherwise). */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("gpg", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A fresh, empty keyring under {@code dir}. */
  public static GpgKeys create(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    return new GpgKeys(dir);
  }

  /** Generates an ed25519 signing key without passphrase; returns its fingerprint. */
  public String generate(String userId) {
    gpg("--passphrase", "", "--quick-gen-key", userId, "ed25519", "sign", "never");
    return fingerprints(userId).get(0);
  }

  /** Adds an ed25519 signing subkey to {@code primary}; returns the subkey's fingerprint. */
  public String addSigningSubkey(String primary) {
    gpg("--passphrase", "", "--quick-add-key", primary, "ed25519", "sign", "never");
    List<String> f = fingerprints(primary);
    return f.get(f.size() - 1);
  }

  /** Primary key fingerprint first, then the subkeys'. */
  public List<String> fingerprints(String key) {
    List<String> out = new ArrayList<>();
    for (String line : gpg("--with-colons", "--list-keys", key).split("\n")) {
      if (line.startsWith("fpr:")) {
        out.add(line.split(":")[9]);
      }
    }
    return out;
  }

  /**
   * Revokes {@code fingerprint} the way an operator does after a key is lost: imports the
   * revocation certificate gpg made with the key ({@code openpgp-revocs.d/FPR.rev}, armor line
   * guarded by a leading colon). Exports made afterwards carry the revocation.
   */
  public void revoke(String fingerprint) {
    try {
      Path rev = home.resolve("openpgp-revocs.d").resolve(fingerprint + ".rev");
      String cert =
          Files.readString(rev)
              .replace(
                  ":-----BEGIN PGP PUBLIC KEY BLOCK-----", "-----BEGIN PGP PUBLIC KEY BLOCK-----");
      Path clean = home.resolve(fingerprint + ".rev.asc");
      Files.writeString(clean, cert);
      gpg("--import", clean.toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String exportPublic(String key) {
    return gpg("--armor", "--export", key);
  }

  public String exportSecret(String key) {
    return gpg("--passphrase", "", "--armor", "--export-secret-keys", key);
  }

  /**
   * Writes {@code path} in the work clone, commits it signed by {@code key} ({@code KEY!} picks
   * that exact subkey) and pushes; returns the commit id.
   */
  public String commitSignedAndPush(
      GitCli cli, String key, String message, String path, String content) throws IOException {
    Path p = cli.work().resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    git(cli.work(), "add", "-A");
    git(
        cli.work(),
        "-c",
        "user.signingkey=" + key,
        "-c",
        "gpg.program=gpg",
        "-c",
        "gpg.format=openpgp",
        "commit",
        "-q",
        "-S",
        "-m",
        message);
    git(cli.work(), "push", "-q", "origin", "main");
    return git(cli.work(), "rev-parse", "HEAD").strip();
  }

  /** Stops the gpg-agent this keyring started. */
  public void close() {
    try {
      run(List.of("gpgconf", "--kill", "gpg-agent"), home);
    } catch (IllegalStateException e) {
      // best effort: the agent also exits when its socket directory is deleted
    }
  }

  private String git(Path dir, String... args) {
    List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=Test Operator"));
    argv.addAll(List.of("-c", "user.email=ops@example.test"));
    argv.addAll(List.of(args));
    return run(argv, dir);
  }

  private String gpg(String... args) {
    List<String> argv = new ArrayList<>(List.of("gpg", "--batch", "--pinentry-mode", "loopback"));
    argv.addAll(List.of(args));
    return run(argv, home);
  }

  private String run(List<String> argv, Path dir) {
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
      Map<String, String> env = pb.environment();
      env.put("GNUPGHOME", home.toString());
      Path err = Files.createTempFile("gpgkeys", ".err");
      pb.redirectError(err.toFile());
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int rc = p.waitFor();
      String stderr = Files.readString(err);
      Files.delete(err);
      if (rc != 0) {
        throw new IllegalStateException(
            String.join(" ", argv) + " failed (" + rc + "):\n" + stderr);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
