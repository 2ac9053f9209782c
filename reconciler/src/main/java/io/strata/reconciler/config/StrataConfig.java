package io.strata.reconciler.config;

import io.strata.planner.policy.Policy;
import io.strata.reconciler.logging.LogSettings;
import io.strata.schema.model.SecretRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The parsed {@code strata.yaml}. {@code baseDir} is the folder of the config file: relative paths
 * in it resolve against that folder.
 */
public record StrataConfig(
    Path baseDir,
    Git git,
    Secrets secrets,
    Reconcile reconcile,
    Http http,
    Ssh ssh,
    List<Alert> alerts,
    Simulation simulation,
    Logging logging,
    double capacityThreshold,
    Ha ha,
    List<Repository> repositories) {
  /** {@code alerts.capacityThreshold}'s default: a pool 85 % full alerts (decision 013). */
  public static final double DEFAULT_CAPACITY_THRESHOLD = 0.85;

  public StrataConfig {
    alerts = List.copyOf(alerts);
    repositories = repositories == null ? List.of() : List.copyOf(repositories);
  }

  /**
   * One entry of {@code repositories:}: a manifest repository with its own Git settings (the fields
   * of {@code git:}, which gives their defaults), drift schedule and simulated cluster. The {@code
   * name} labels its metrics, /healthz entry, web page and simulation folder.
   */
  public record Repository(String name, Git git, Duration driftInterval) {}

  /**
   * The configuration of one repository of {@code repositories:}, in the single-repository form the
   * daemon, the engine and the CLI run on: its {@code git}, its drift schedule, and its own
   * simulated cluster in {@code <simulation.stateDir>/<name>} (two repositories are two clusters,
   * even when both name a node {@code alpha}).
   */
  public StrataConfig forRepository(Repository r) {
    Reconcile c = reconcile;
    Reconcile rc =
        new Reconcile(
            c.mode(),
            c.prune(),
            c.heal(),
            r.driftInterval(),
            c.maxDestroyFraction(),
            c.perNodeParallelism(),
            c.totalParallelism(),
            c.probeTimeout(),
            c.syncRate());
    Simulation s = simulation;
    Simulation sim =
        new Simulation(
            s.stateDir() == null ? null : s.stateDir().resolve(r.name()),
            s.latency(),
            s.syncRate(),
            s.nodes());
    return new StrataConfig(
        baseDir,
        r.git(),
        secrets,
        rc,
        http,
        ssh,
        alerts,
        sim,
        logging,
        capacityThreshold,
        ha,
        List.of());
  }

  /**
   * The repository named {@code name} (its single-repository configuration); {@code null} picks the
   * only one. Without {@code repositories:} this configuration itself.
   */
  public StrataConfig repository(String name) {
    if (repositories.isEmpty()) {
      if (name != null) {
        throw new ConfigException(
            "--repository " + name + ": strata.yaml has no repositories: list (it uses git:)");
      }
      return this;
    }
    List<String> names = repositories.stream().map(Repository::name).toList();
    if (name == null) {
      if (repositories.size() == 1) {
        return forRepository(repositories.get(0));
      }
      throw new ConfigException(
          "strata.yaml lists "
              + names.size()
              + " repositories ("
              + String.join(", ", names)
              + "): pass --repository NAME");
    }
    return repositories.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .map(this::forRepository)
        .orElseThrow(
            () ->
                new ConfigException(
                    "--repository "
                        + name
                        + ": no such repository in strata.yaml; known: "
                        + String.join(", ", names)));
  }

  /**
   * {@code ha}: high availability (null when absent). Every instance joins one Quartz cluster on
   * the JDBC job store at {@code jdbcUrl}; {@code instanceId} names this instance (default host
   * name + pid); {@code checkinInterval} is how often an instance tells the cluster it is alive (a
   * dead one is noticed after about this plus 7.5 s, Quartz's fixed margin); {@code leaseTtl} is
   * how long the active instance may apply after its last successful lease renewal.
   */
  public record Ha(
      String jdbcUrl,
      String user,
      SecretRef passwordRef,
      String instanceId,
      Duration checkinInterval,
      Duration leaseTtl) {}

  /**
   * {@code git}: where the manifests live. {@code url} is a path or a file/ssh/https URL. {@code
   * knownHosts} pins the SSH host keys accepted for ssh:// URLs: each entry is a known_hosts line
   * ({@code host ssh-ed25519 AAAA…}) or {@code file:PATH} of a known_hosts file.
   */
  public record Git(
      String url,
      String branch,
      String path,
      String statusBranch,
      Duration pollInterval,
      SecretRef webhookSecret,
      SecretRef tokenRef,
      Verify verify,
      List<String> knownHosts) {
    public Git {
      knownHosts = knownHosts == null ? List.of() : List.copyOf(knownHosts);
    }
  }

  /** {@code git.verify}: {@code mode: none|gpg} and the trusted public keys for gpg. */
  public record Verify(String mode, List<String> trustedKeys) {
    public Verify {
      trustedKeys = List.copyOf(trustedKeys);
    }
  }

  /**
   * {@code secrets.clusterKeyRef}: derives DRBD shared secrets; generated when the file is missing.
   */
  public record Secrets(SecretRef clusterKeyRef) {}

  /**
   * {@code reconcile}: how the loop acts. {@code syncRate}: the resync rate in bytes/s that plan
   * ETAs assume (0 = not configured; decision 013).
   */
  public record Reconcile(
      Mode mode,
      boolean prune,
      Policy.Heal heal,
      Duration driftInterval,
      double maxDestroyFraction,
      int perNodeParallelism,
      int totalParallelism,
      Duration probeTimeout,
      long syncRate) {
    /** {@code reconcile.probeTimeout}'s default: one hung probe costs a node 30 s, not 2 min. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(30);

    /** Without a configured sync rate. */
    public Reconcile(
        Mode mode,
        boolean prune,
        io.strata.planner.policy.Policy.Heal heal,
        Duration driftInterval,
        double maxDestroyFraction,
        int perNodeParallelism,
        int totalParallelism,
        Duration probeTimeout) {
      this(
          mode,
          prune,
          heal,
          driftInterval,
          maxDestroyFraction,
          perNodeParallelism,
          totalParallelism,
          probeTimeout,
          0);
    }

    /** With the default probe timeout. */
    public Reconcile(
        Mode mode,
        boolean prune,
        Policy.Heal heal,
        Duration driftInterval,
        double maxDestroyFraction,
        int perNodeParallelism,
        int totalParallelism) {
      this(
          mode,
          prune,
          heal,
          driftInterval,
          maxDestroyFraction,
          perNodeParallelism,
          totalParallelism,
          DEFAULT_PROBE_TIMEOUT);
    }
  }

  /** {@code reconcile.mode}. */
  public enum Mode {
    APPLY,
    PLAN_ONLY
  }

  /** {@code http}: the listener for /healthz, /metrics and /hooks/git. */
  public record Http(
      String bind, int port, boolean allowUnauthenticatedWebhook, Duration readTimeout) {
    public Http(String bind, int port) {
      this(bind, port, false);
    }

    public Http(String bind, int port, boolean allowUnauthenticatedWebhook) {
      this(bind, port, allowUnauthenticatedWebhook, Duration.ofSeconds(10));
    }
  }

  /**
   * {@code logging}: Strata's own log level (third-party libraries stay at WARN) and the line
   * format, {@code text} or {@code json} (one JSON object per line, for the daemon).
   */
  public record Logging(LogSettings.LogLevel level, LogSettings.LogFormat format) {}

  /** {@code ssh}: client settings for nodes with {@code connection.type: ssh}. */
  public record Ssh(Path identityFile, Duration connectTimeout, Duration commandTimeout) {}

  /**
   * One entry of {@code alerts}: {@code type: log|webhook|alertmanager|slack} and its {@code url}.
   */
  public record Alert(String type, String url, Map<String, String> headers) {
    public Alert {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
  }

  /**
   * {@code simulation}: the simulated cluster for nodes whose connection type is simulated. {@code
   * stateDir} defaults to {@code .strata/sim} beside strata.yaml; null when it is {@code memory}
   * (the cluster lives and dies with the process).
   */
  public record Simulation(
      Path stateDir, Duration latency, long syncRate, Map<String, SimNode> nodes) {
    /** The {@code stateDir} value that keeps the simulated cluster in memory only. */
    public static final String MEMORY = "memory";

    public Simulation {
      nodes = Map.copyOf(nodes);
    }
  }

  /**
   * Seed of one simulated node: sizes in bytes of its VGs, thin pools ({@code vg/pool}) and zpools;
   * {@code drbd} the kernel's DRBD version (null: DRBD 9; e.g. {@code 8.4.11}, a distribution
   * kernel's in-tree module).
   */
  public record SimNode(
      Map<String, Long> volumeGroups,
      Map<String, Long> thinPools,
      Map<String, Long> zpools,
      String drbd) {
    public SimNode {
      volumeGroups = Map.copyOf(volumeGroups);
      thinPools = Map.copyOf(thinPools);
      zpools = Map.copyOf(zpools);
    }

    public SimNode(
        Map<String, Long> volumeGroups, Map<String, Long> thinPools, Map<String, Long> zpools) {
      this(volumeGroups, thinPools, zpools, null);
    }
  }

  /** The manifest root when {@code git.url} is a local folder. */
  public Path localManifestRoot() {
    Path repo = baseDir.resolve(git.url());
    return git.path().isEmpty() ? repo.normalize() : repo.resolve(git.path()).normalize();
  }
}
