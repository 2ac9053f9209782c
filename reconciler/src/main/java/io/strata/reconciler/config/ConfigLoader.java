package io.strata.reconciler.config;

import io.strata.planner.policy.Policy;
import io.strata.reconciler.logging.LogSettings;
import io.strata.schema.model.SecretRef;
import io.strata.schema.model.Size;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads {@code strata.yaml} strictly: unknown settings, wrong types and bad values are errors. */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Loads a config file; a missing file is an error naming it. */
  public static StrataConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          file + ": no such config file — pass --config PATH or create strata.yaml (see README)");
    }
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return parse(file.toString(), text, file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage());
    }
  }

  /** The configuration every field of which is the default, rooted at {@code baseDir}. */
  public static StrataConfig defaults(Path baseDir) {
    return parse("<defaults>", "{}", baseDir);
  }

  public static StrataConfig parse(String fileName, String text, Path baseDir) {
    Object root;
    try {
      LoadSettings settings =
          LoadSettings.builder()
              .setAllowDuplicateKeys(false)
              .setMaxAliasesForCollections(10)
              .setCodePointLimit(1 << 20)
              .build();
      root = new Load(settings).loadFromString(text);
    } catch (YamlEngineException e) {
      throw new ConfigException(syntaxError(fileName, e));
    }
    YamlSection top = new YamlSection(fileName, "", root);
    YamlSection alertSettings = alertSettings(top);
    StrataConfig.Git git = git(top.section("git"), null);
    StrataConfig.Reconcile reconcile = reconcile(top.section("reconcile"));
    StrataConfig cfg =
        new StrataConfig(
            baseDir,
            git,
            secrets(top.section("secrets")),
            reconcile,
            http(top.section("http")),
            ssh(top.section("ssh"), baseDir),
            alerts(top, alertSettings),
            simulation(top.section("simulation"), baseDir),
            logging(top.section("logging")),
            capacityThreshold(alertSettings),
            top.keys().contains("ha") ? ha(top.section("ha")) : null,
            repositories(top, git, reconcile.driftInterval()));
    if (alertSettings != null) {
      alertSettings.rejectUnknown();
    }
    top.rejectUnknown();
    return cfg;
  }

  /**
   * {@code file:line:col: not valid YAML: problem — what to do}, on one line: the parser's own
   * message spans several lines with a quoted excerpt (the fuzzer found it reaching the terminal).
   */
  static String syntaxError(String fileName, YamlEngineException e) {
    if (e instanceof MarkedYamlEngineException m) {
      String where =
          m.getProblemMark()
              .map(k -> fileName + ":" + (k.getLine() + 1) + ":" + (k.getColumn() + 1))
              .orElse(fileName);
      String problem = m.getProblem() == null ? "syntax error" : m.getProblem();
      String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
      return oneLine(
          where
              + ": not valid YAML: "
              + problem
              + context
              + " — fix the YAML syntax at that position");
    }
    // e.g. a bad !!binary value: the message is the wrapped exception's "java.lang.X: …"
    String why = String.valueOf(e.getMessage()).replaceAll("(?:[a-z]\\w*\\.)+[A-Z]\\w*: ", "");
    return oneLine(fileName + ": not valid YAML: " + why + " — fix the YAML syntax");
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s*\\R\\s*", " ");
    return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
  }

  /** A repository's name: it becomes a folder, a metric label and a URL path segment. */
  private static final java.util.regex.Pattern REPOSITORY_NAME =
      java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,46}");

  /**
   * {@code repositories:}: each entry a {@code name} plus the fields of {@code git:} (whose values
   * are the defaults) and its own {@code driftInterval} (default {@code reconcile.driftInterval}).
   */
  private static List<StrataConfig.Repository> repositories(
      YamlSection top, StrataConfig.Git defaults, Duration driftDefault) {
    List<Object> raw = top.list("repositories");
    List<StrataConfig.Repository> out = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    java.util.Map<String, String> sources = new java.util.HashMap<>();
    for (int i = 0; i < raw.size(); i++) {
      String at = "repositories[" + i + "]";
      YamlSection r = new YamlSection(top.file(), at, raw.get(i));
      String name = r.string("name", null);
      if (name == null || !REPOSITORY_NAME.matcher(name).matches()) {
        throw r.error(
            at + ".name",
            "is required and must match ^[a-z][a-z0-9-]{0,46}$ (it names a folder and a metric"
                + " label), got '"
                + name
                + "'");
      }
      if (!names.add(name)) {
        throw r.error(at + ".name", "'" + name + "' is used by two repositories");
      }
      Duration drift = r.parsed("driftInterval", driftDefault, Durations::parse);
      StrataConfig.Git g = git(r, defaults);
      String source = g.url() + "#" + g.branch() + ":" + g.path();
      String twin = sources.put(source, name);
      if (twin != null) {
        throw r.error(
            at,
            "reads the same manifests as repository '"
                + twin
                + "' ("
                + source
                + "): two reconcilers of one cluster would fight; remove one");
      }
      out.add(new StrataConfig.Repository(name, g, drift));
    }
    return out;
  }

  /** {@code git:}, or a repositories entry whose unset fields come from {@code defaults}. */
  private static StrataConfig.Git git(YamlSection s, StrataConfig.Git defaults) {
    StrataConfig.Git d =
        defaults != null
            ? defaults
            : new StrataConfig.Git(
                ".",
                "main",
                "",
                "strata/status",
                Duration.ofSeconds(30),
                null,
                null,
                new StrataConfig.Verify("none", List.of()),
                List.of());
    StrataConfig.Verify verify = d.verify();
    if (s.raw("verify") != null) {
      YamlSection v = s.section("verify");
      verify =
          new StrataConfig.Verify(
              v.string("mode", "none"),
              v.list("trustedKeys").stream().map(String::valueOf).toList());
      verifyMode(v, verify);
      v.rejectUnknown();
    }
    StrataConfig.Git g =
        new StrataConfig.Git(
            s.string("url", d.url()),
            s.string("branch", d.branch()),
            s.string("path", d.path()),
            s.string("statusBranch", d.statusBranch()),
            s.parsed("pollInterval", d.pollInterval(), Durations::parse),
            s.parsed("webhookSecret", d.webhookSecret(), SecretRef::parse),
            s.parsed("tokenRef", d.tokenRef(), SecretRef::parse),
            verify,
            s.raw("knownHosts") == null
                ? d.knownHosts()
                : s.list("knownHosts").stream().map(String::valueOf).toList());
    s.rejectUnknown();
    return g;
  }

  private static void verifyMode(YamlSection v, StrataConfig.Verify verify) {
    if (!verify.mode().equals("none") && !verify.mode().equals("gpg")) {
      throw v.error(v.path() + ".mode", "'" + verify.mode() + "' is not one of none | gpg");
    }
  }

  private static StrataConfig.Secrets secrets(YamlSection s) {
    StrataConfig.Secrets r =
        new StrataConfig.Secrets(
            s.parsed(
                "clusterKeyRef", SecretRef.parse("file:.strata/cluster.key"), SecretRef::parse));
    s.rejectUnknown();
    return r;
  }

  private static StrataConfig.Reconcile reconcile(YamlSection s) {
    YamlSection p = s.section("parallelism");
    int perNode = p.integer("perNode", 4, 1, 1024);
    int total = p.integer("total", 64, 1, 65536);
    p.rejectUnknown();
    StrataConfig.Reconcile r =
        new StrataConfig.Reconcile(
            s.choice("mode", StrataConfig.Mode.APPLY, StrataConfig.Mode.class),
            s.bool("prune", false),
            s.choice("heal", Policy.Heal.SAFE, Policy.Heal.class),
            s.parsed("driftInterval", Duration.ofMinutes(5), Durations::parse),
            s.fraction("maxDestroyFraction", 0.10),
            perNode,
            total,
            s.parsed(
                "probeTimeout",
                StrataConfig.Reconcile.DEFAULT_PROBE_TIMEOUT,
                ConfigLoader::probeTimeout),
            s.parsed("syncRate", 0L, ConfigLoader::rate));
    s.rejectUnknown();
    return r;
  }

  private static StrataConfig.Ha ha(YamlSection s) {
    String url = s.string("jdbcUrl", null);
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw s.error(
          "ha.jdbcUrl",
          "is required with ha: and must be a PostgreSQL JDBC URL, e.g."
              + " jdbc:postgresql://127.0.0.1:5432/strata");
    }
    Duration checkin = s.parsed("checkinInterval", Duration.ofSeconds(2), ConfigLoader::positive);
    Duration lease = s.parsed("leaseTtl", Duration.ofSeconds(10), ConfigLoader::positive);
    if (lease.compareTo(checkin.multipliedBy(2)) < 0) {
      throw s.error(
          "ha.leaseTtl",
          "must be at least twice ha.checkinInterval ("
              + checkin.toMillis()
              + " ms): the lease is renewed several times per lease period");
    }
    String id = s.string("instanceId", "");
    StrataConfig.Ha h =
        new StrataConfig.Ha(
            url,
            s.string("user", null),
            s.parsed("passwordRef", null, SecretRef::parse),
            id.isBlank() ? defaultInstanceId() : id.strip(),
            checkin,
            lease);
    s.rejectUnknown();
    return h;
  }

  /** Host name + pid: unique per process, and says where to look when it appears in a log. */
  private static String defaultInstanceId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  private static Duration positive(String text) {
    Duration d = Durations.parse(text);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("must be positive, e.g. 2s");
    }
    return d;
  }

  private static StrataConfig.Logging logging(YamlSection s) {
    StrataConfig.Logging l =
        new StrataConfig.Logging(
            s.choice("level", LogSettings.LogLevel.info, LogSettings.LogLevel.class),
            s.choice("format", LogSettings.LogFormat.text, LogSettings.LogFormat.class));
    s.rejectUnknown();
    return l;
  }

  /** The longest one observation command may block before its node is unknown (issue 9). */
  private static Duration probeTimeout(String text) {
    Duration d = Durations.parse(text);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("must be a positive duration, e.g. 30s");
    }
    return d;
  }

  private static StrataConfig.Http http(YamlSection s) {
    StrataConfig.Http h =
        new StrataConfig.Http(
            s.string("bind", "127.0.0.1"),
            s.integer("port", 8080, 0, 65535),
            s.bool("allowUnauthenticatedWebhook", false),
            s.parsed("readTimeout", Duration.ofSeconds(10), ConfigLoader::probeTimeout));
    s.rejectUnknown();
    return h;
  }

  private static StrataConfig.Ssh ssh(YamlSection s, Path baseDir) {
    String home = System.getProperty("user.home");
    StrataConfig.Ssh r =
        new StrataConfig.Ssh(
            s.parsed(
                "identityFile",
                Path.of(home, ".ssh", "id_ed25519"),
                x -> baseDir.resolve(x.replaceFirst("^~", home))),
            s.parsed("connectTimeout", Duration.ofSeconds(10), Durations::parse),
            s.parsed("commandTimeout", Duration.ofMinutes(10), Durations::parse));
    s.rejectUnknown();
    return r;
  }

  /** A rate in bytes/s: {@code 100MiB/s}, {@code 1 GiB/s}, a byte count, or 0 (not set). */
  static long rate(String x) {
    String s = x.strip().replaceAll("\\s*/\\s*s$", "");
    return s.equals("0") ? 0L : Size.parse(s).bytes();
  }

  /**
   * {@code alerts} is either the list of sinks or a mapping {@code {sinks: [...],
   * capacityThreshold: 85%}} (decision 013: the list form stays valid).
   */
  private static YamlSection alertSettings(YamlSection top) {
    Object raw = top.raw("alerts");
    return raw instanceof Map<?, ?> ? top.section("alerts") : null;
  }

  private static double capacityThreshold(YamlSection s) {
    if (s == null) {
      return StrataConfig.DEFAULT_CAPACITY_THRESHOLD;
    }
    Object v = s.raw("capacityThreshold");
    double t;
    if (v == null) {
      t = StrataConfig.DEFAULT_CAPACITY_THRESHOLD;
    } else if (v instanceof Number n) {
      t = n.doubleValue() > 1 ? n.doubleValue() / 100 : n.doubleValue();
    } else {
      String str = String.valueOf(v).strip();
      try {
        t =
            str.endsWith("%")
                ? Double.parseDouble(str.substring(0, str.length() - 1).strip()) / 100
                : Double.NaN;
      } catch (NumberFormatException e) {
        t = Double.NaN;
      }
    }
    if (!(t > 0 && t <= 1)) {
      throw s.error(
          "alerts.capacityThreshold",
          "must be a share of a pool such as 85% or 0.85 (more than 0, at most 100%), got '"
              + v
              + "'");
    }
    return t;
  }

  private static List<StrataConfig.Alert> alerts(YamlSection top, YamlSection settings) {
    List<StrataConfig.Alert> out = new ArrayList<>();
    List<Object> raw = settings == null ? top.list("alerts") : settings.list("sinks");
    String prefix = settings == null ? "alerts[" : "alerts.sinks[";
    for (int i = 0; i < raw.size(); i++) {
      YamlSection a = new YamlSection(top.file(), prefix + i + "]", raw.get(i));
      String type = a.string("type", null);
      if (type == null || !List.of("log", "webhook", "alertmanager", "slack").contains(type)) {
        throw a.error(prefix + i + "].type", "must be one of log | webhook | alertmanager | slack");
      }
      String url = a.string("url", null);
      if (!type.equals("log") && url == null) {
        throw a.error(prefix + i + "].url", "is required for type " + type);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      YamlSection h = a.section("headers");
      for (String k : h.keys()) {
        headers.put(k, h.string(k, ""));
      }
      a.rejectUnknown();
      out.add(new StrataConfig.Alert(type, url, headers));
    }
    return out;
  }

  private static StrataConfig.Simulation simulation(YamlSection s, Path baseDir) {
    // persistent by default so that apply, plan and sim run see one cluster; "memory" opts out
    Path stateDir =
        s.parsed(
            "stateDir",
            baseDir.resolve(".strata/sim").normalize(),
            x ->
                x.strip().equals(StrataConfig.Simulation.MEMORY)
                    ? null
                    : baseDir.resolve(x).normalize());
    Duration latency = s.parsed("latency", Duration.ZERO, Durations::parse);
    long syncRate =
        s.parsed(
            "syncRate",
            0L,
            x -> x.strip().equals("0") ? 0L : Size.parse(x.replaceAll("/s$", "")).bytes());
    Map<String, StrataConfig.SimNode> nodes = new LinkedHashMap<>();
    YamlSection ns = s.section("nodes");
    for (String node : ns.keys()) {
      YamlSection n = ns.section(node);
      nodes.put(
          node,
          new StrataConfig.SimNode(
              sizes(n.section("volumeGroups")),
              sizes(n.section("thinPools")),
              sizes(n.section("zpools")),
              n.parsed("drbd", null, ConfigLoader::drbdVersion)));
      n.rejectUnknown();
    }
    s.rejectUnknown();
    return new StrataConfig.Simulation(stateDir, latency, syncRate, nodes);
  }

  /** A simulated node's kernel DRBD version, e.g. 8.4.11 or 9.2.12. */
  private static String drbdVersion(String v) {
    if (!v.strip().matches("[89]\\.[0-9]+\\.[0-9]+(-[0-9]+)?")) {
      throw new IllegalArgumentException("a DRBD version such as 8.4.11 or 9.2.12");
    }
    return v.strip();
  }

  private static Map<String, Long> sizes(YamlSection s) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String k : s.keys()) {
      out.put(k, s.parsed(k, null, Size::parse).bytes());
    }
    return out;
  }
}
