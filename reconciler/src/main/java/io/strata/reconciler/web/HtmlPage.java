package io.strata.reconciler.web;

import static io.strata.reconciler.web.Html.esc;

import io.strata.planner.plan.Change;
import io.strata.planner.plan.Refusal;
import io.strata.reconciler.daemon.PlanOutcome;
import io.strata.schema.model.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The page at {@code /}: server-rendered, no script, inline CSS, refreshing itself with {@code
 * <meta http-equiv=refresh>}. Semantic HTML (landmarks, tables with captions and header scopes) so
 * a screen reader or a phone reads it as well as a desktop browser. The markup is also well-formed
 * XML (void elements closed), so tests and tools can parse it with any XML parser.
 */
final class HtmlPage {
  private HtmlPage() {}

  /**
   * Everything the page shows. {@code plan} is the latest plan, {@code lastEffective} the last one
   * that changed something.
   */
  record Model(
      Views.Status status,
      Views.Drift drift,
      Views.Alerts alerts,
      PlanOutcome plan,
      PlanOutcome lastEffective,
      int refreshSeconds) {}

  static String render(Model m) {
    StringBuilder b = new StringBuilder(16_384);
    Views.Repository repo = m.status().repository();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<meta http-equiv=\"refresh\" content=\"")
        .append(m.refreshSeconds())
        .append("\"/>\n<title>Strata — ")
        .append(esc(headline(m)))
        .append("</title>\n<style>")
        .append(Css.TEXT)
        .append("</style>\n</head>\n<body>\n")
        .append("<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
        .append("<header>\n<h1>Strata</h1>\n<p class=\"sub\">")
        .append(esc(headline(m)))
        .append(" · commit in force ")
        .append(commit(repo.commitInForce()))
        .append(
            repo.activeInstance() == null ? "" : " · active instance " + esc(repo.activeInstance()))
        .append("</p>\n<nav aria-label=\"Sections\"><ul>")
        .append("<li><a href=\"#repository\">Repository</a></li>")
        .append("<li><a href=\"#nodes\">Nodes and pools</a></li>")
        .append("<li><a href=\"#volumes\">Volumes</a></li>")
        .append("<li><a href=\"#plan\">Plan</a></li>")
        .append("<li><a href=\"#drift\">Drift and alerts</a></li>")
        .append("</ul></nav>\n</header>\n<main id=\"main\">\n");
    repository(b, m.status());
    nodes(b, m.status());
    volumes(b, m.status());
    plan(b, m.plan(), m.lastEffective());
    drift(b, m.drift(), m.alerts());
    b.append("</main>\n<footer><p>Read-only view, refreshed every ")
        .append(m.refreshSeconds())
        .append(" s. JSON: <a href=\"api/v1/status\">api/v1/status</a>. Changes go through Git.")
        .append("</p></footer>\n</body>\n</html>\n");
    return b.toString();
  }

  private static String headline(Model m) {
    Views.Status s = m.status();
    if (s.repository().invalidCommit() != null) {
      return "invalid commit";
    }
    long notReady = s.volumes().stream().filter(v -> !v.ready()).count();
    if (!m.drift().inSync()) {
      return "drift: " + m.drift().objects().size() + " object(s)";
    }
    if (notReady > 0) {
      return notReady + " of " + s.volumes().size() + " volume(s) not ready";
    }
    return s.volumes().isEmpty() ? "no volumes" : "all " + s.volumes().size() + " volume(s) ready";
  }

  private static void repository(StringBuilder b, Views.Status s) {
    Views.Repository r = s.repository();
    b.append("<section id=\"repository\" aria-labelledby=\"repository-h\">\n")
        .append("<h2 id=\"repository-h\">Repository</h2>\n<dl class=\"facts\">")
        .append("<dt>Commit in force</dt><dd>")
        .append(commit(r.commitInForce()))
        .append("</dd><dt>Head (observed)</dt><dd>")
        .append(commit(r.observedCommit()))
        .append("</dd><dt>Last applied</dt><dd>")
        .append(commit(r.lastAppliedCommit()))
        .append("</dd><dt>Last cycle</dt><dd>")
        .append(esc(r.lastCycle().result()))
        .append(r.lastCycle().endedAt() == null ? "" : " at " + esc(r.lastCycle().endedAt()))
        .append(r.lastCycle().error() == null ? "" : " — " + esc(r.lastCycle().error()))
        .append("</dd></dl>\n");
    Views.InvalidCommit inv = r.invalidCommit();
    if (inv != null) {
      b.append("<div class=\"callout bad\" role=\"alert\">\n<h3>Commit ")
          .append(commit(inv.commit()))
          .append(" is invalid and was not applied</h3>\n<p>The commit in force stays ")
          .append(commit(r.commitInForce()))
          .append(".</p>\n<ul class=\"errors\">");
      for (Views.LocatedError e : inv.errors()) {
        b.append("<li><code>")
            .append(esc(e.file() + ":" + e.line() + ":" + e.column()))
            .append("</code> ")
            .append(esc(e.message()))
            .append("</li>");
      }
      b.append("</ul>\n</div>\n");
    }
    b.append("<div class=\"scroll\" role=\"region\" aria-labelledby=\"cond-c\" tabindex=\"0\">")
        .append("<table><caption id=\"cond-c\">Repository conditions</caption>\n<thead><tr>")
        .append("<th scope=\"col\">Condition</th><th scope=\"col\">Status</th>")
        .append(
            "<th scope=\"col\">Reason</th><th scope=\"col\">Message</th></tr></thead><tbody>\n");
    for (Views.ConditionView c : s.conditions()) {
      b.append("<tr><th scope=\"row\">")
          .append(esc(c.type()))
          .append("</th><td>")
          .append(conditionBadge(c))
          .append("</td><td>")
          .append(esc(c.reason()))
          .append("</td><td>")
          .append(esc(c.message()))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  private static void nodes(StringBuilder b, Views.Status s) {
    Map<String, List<Views.PoolView>> byNode = new TreeMap<>();
    s.pools().forEach(p -> byNode.computeIfAbsent(p.node(), k -> new ArrayList<>()).add(p));
    b.append("<section id=\"nodes\" aria-labelledby=\"nodes-h\">\n")
        .append("<h2 id=\"nodes-h\">Nodes and pools</h2>\n<div class=\"cards\">\n");
    for (Views.NodeView n : s.nodes()) {
      b.append("<article class=\"card\" aria-labelledby=\"node-")
          .append(esc(n.name()))
          .append("\">\n<h3 id=\"node-")
          .append(esc(n.name()))
          .append("\">")
          .append(esc(n.name()))
          .append(" ")
          .append(
              n.reachable()
                  ? "<span class=\"badge ok\">reachable</span>"
                  : "<span class=\"badge bad\">unreachable</span>")
          .append("</h3>\n");
      if (!n.reachable()) {
        b.append("<p>").append(esc(n.message())).append("</p>\n");
      }
      if (!n.labels().isEmpty()) {
        b.append("<p class=\"labels\">");
        n.labels()
            .forEach((k, v) -> b.append("<code>").append(esc(k + "=" + v)).append("</code> "));
        b.append("</p>\n");
      }
      for (Views.PoolView p : byNode.getOrDefault(n.name(), List.of())) {
        pool(b, p);
      }
      b.append("</article>\n");
    }
    b.append("</div>\n</section>\n");
  }

  /** A capacity bar: used share of the physical space, plus provisioned share for thin pools. */
  private static void pool(StringBuilder b, Views.PoolView p) {
    b.append("<div class=\"pool\"><p><strong>")
        .append(esc(p.name()))
        .append("</strong> <span class=\"muted\">")
        .append(esc(p.provider()))
        .append("</span></p>");
    if (p.totalBytes() == null || p.totalBytes() <= 0) {
      b.append("<p class=\"muted\">capacity unknown</p></div>\n");
      return;
    }
    long total = p.totalBytes();
    long used = total - p.freeBytes();
    int pct = percent(used, total);
    String label = human(used) + " used, " + human(p.freeBytes()) + " free of " + human(total);
    b.append("<div class=\"bar\" role=\"img\" aria-label=\"")
        .append(esc(p.name() + ": " + label))
        .append("\"><span class=\"used")
        .append(pct >= 90 ? " full" : "")
        .append("\" style=\"width:")
        .append(pct)
        .append("%\"></span></div><p class=\"small\">")
        .append(esc(label))
        .append(" (")
        .append(pct)
        .append(" %)</p>");
    if (p.thin() && p.allocatedBytes() != null) {
      double ratio = (double) p.allocatedBytes() / total;
      double limit = p.overcommit() <= 0 ? 1.0 : p.overcommit();
      int over = percent(p.allocatedBytes(), (long) (total * limit));
      String text =
          String.format(
              Locale.ROOT,
              "provisioned %s = %.2f× of physical (overcommit limit %.2f×)",
              human(p.allocatedBytes()),
              ratio,
              limit);
      b.append("<div class=\"bar thin\" role=\"img\" aria-label=\"")
          .append(esc(p.name() + ": " + text))
          .append("\"><span class=\"used")
          .append(ratio > 1 ? " over" : "")
          .append("\" style=\"width:")
          .append(over)
          .append("%\"></span></div><p class=\"small\">")
          .append(esc(text))
          .append("</p>");
    }
    b.append("</div>\n");
  }

  private static void volumes(StringBuilder b, Views.Status s) {
    b.append("<section id=\"volumes\" aria-labelledby=\"volumes-h\">\n")
        .append("<h2 id=\"volumes-h\">Volumes</h2>\n")
        .append(
            "<div class=\"scroll\" role=\"region\" aria-labelledby=\"volumes-c\" tabindex=\"0\">")
        .append("<table class=\"volumes\"><caption id=\"volumes-c\">")
        .append(s.volumes().size())
        .append(" volume(s): replicas, replication state and device paths</caption>\n<thead><tr>")
        .append("<th scope=\"col\">Volume</th><th scope=\"col\">Size</th>")
        .append("<th scope=\"col\">Template</th><th scope=\"col\">Ready</th>")
        .append(
            "<th scope=\"col\">Replicas</th><th scope=\"col\">Access</th></tr></thead><tbody>\n");
    for (Views.VolumeView v : s.volumes()) {
      b.append("<tr id=\"volume-")
          .append(esc(v.name()))
          .append("\"><th scope=\"row\">")
          .append(esc(v.name()));
      if (v.manifest() != null) {
        b.append("<br/><span class=\"small muted\">")
            .append(esc(v.manifest().file() + ":" + v.manifest().line()))
            .append("</span>");
      }
      b.append("</th><td data-label=\"Size\">")
          .append(esc(v.size()))
          .append("</td><td data-label=\"Template\">")
          .append(esc(v.template()))
          .append("</td><td data-label=\"Ready\">")
          .append(
              v.ready()
                  ? "<span class=\"badge ok\">Ready</span>"
                  : "<span class=\"badge warn\">Not ready</span><br/><span class=\"small\">"
                      + esc(v.readyMessage())
                      + "</span>")
          .append("</td><td data-label=\"Replicas\"><ul class=\"plain\">");
      for (Views.ReplicaView r : v.replicas()) {
        b.append("<li>").append(esc(r.node())).append(" ").append(stateBadge(r));
        b.append(" <span class=\"muted small\">").append(esc(r.role()));
        if (r.devicePath() != null) {
          b.append(" <code>").append(esc(r.devicePath())).append("</code>");
        }
        b.append("</span></li>");
      }
      b.append("</ul></td><td data-label=\"Access\">");
      if (v.access().isEmpty()) {
        b.append("<span class=\"muted\">—</span>");
      } else {
        b.append("<ul class=\"plain\">");
        for (Views.AccessView a : v.access()) {
          b.append("<li>")
              .append(esc(a.node()))
              .append(" ")
              .append(
                  a.devicePath() == null
                      ? "<span class=\"badge warn\">no device</span>"
                      : "<code>" + esc(a.devicePath()) + "</code>")
              .append("</li>");
        }
        b.append("</ul>");
      }
      b.append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  /** UpToDate, SyncTarget 42.0 % (with a progress bar), Diskless, Outdated, … */
  private static String stateBadge(Views.ReplicaView r) {
    String state = r.state();
    String cls =
        switch (state) {
          case "UpToDate", "NotReplicated" -> "ok";
          case "SyncSource", "SyncTarget" -> "sync";
          case "Diskless" -> "neutral";
          default -> "bad";
        };
    StringBuilder b = new StringBuilder("<span class=\"badge ").append(cls).append("\">");
    b.append(esc(state));
    if (r.syncPercent() != null) {
      String pct = String.format(Locale.ROOT, "%.1f", r.syncPercent());
      b.append(" ")
          .append(pct)
          .append(" %</span> <progress max=\"100\" value=\"")
          .append(pct)
          .append("\" aria-label=\"")
          .append(esc(r.node() + " synced " + pct + " percent"))
          .append("\">")
          .append(pct)
          .append(" %</progress>");
      return b.toString();
    }
    return b.append("</span>").toString();
  }

  private static void plan(StringBuilder b, PlanOutcome current, PlanOutcome lastEffective) {
    b.append("<section id=\"plan\" aria-labelledby=\"plan-h\">\n<h2 id=\"plan-h\">Plan</h2>\n");
    if (current == null) {
      b.append("<p>No plan yet: the daemon has not planned a cycle.</p>\n</section>\n");
      return;
    }
    var p = current.plan();
    if (p.isEmpty() && p.refused().isEmpty()) {
      b.append("<p><span class=\"badge ok\">No changes</span> the cluster matches commit ")
          .append(commit(p.commit()))
          .append(".</p>\n");
    } else {
      changes(b, "Current plan for commit " + shortCommit(p.commit()), p.changes());
    }
    if (!p.refused().isEmpty()) {
      b.append("<div class=\"callout bad\"><h3>Refused</h3><ul>");
      for (Refusal r : p.refused()) {
        b.append("<li>")
            .append(esc(r.volume() == null ? "" : r.volume() + ": "))
            .append(esc(r.reason()))
            .append("</li>");
      }
      b.append("</ul></div>\n");
    }
    if (lastEffective != null && lastEffective.markdown() != null) {
      b.append("<details><summary>Last plan that changed something (commit ")
          .append(esc(shortCommit(lastEffective.plan().commit())))
          .append(", Markdown as in status/last-plan.md)</summary>\n<pre class=\"plan\">")
          .append(esc(lastEffective.markdown()))
          .append("</pre></details>\n");
    }
    b.append("</section>\n");
  }

  private static void changes(StringBuilder b, String caption, List<Change> changes) {
    b.append("<div class=\"scroll\" role=\"region\" aria-labelledby=\"plan-c\" tabindex=\"0\">")
        .append("<table><caption id=\"plan-c\">")
        .append(esc(caption))
        .append(": ")
        .append(changes.size())
        .append(" change(s), in order</caption>\n<thead><tr><th scope=\"col\">Action</th>")
        .append("<th scope=\"col\">Volume</th><th scope=\"col\">Node</th>")
        .append("<th scope=\"col\">Layer</th><th scope=\"col\">Object</th>")
        .append("<th scope=\"col\">Reason</th></tr></thead><tbody>\n");
    for (Change c : changes) {
      b.append("<tr><td>")
          .append(
              c.action().destructive()
                  ? "<span class=\"badge bad\">" + esc(c.action().jsonName()) + "</span>"
                  : esc(c.action().jsonName()))
          .append("</td><th scope=\"row\">")
          .append(esc(c.volume()))
          .append("</th><td>")
          .append(esc(c.node()))
          .append("</td><td>")
          .append(esc(c.layer() == null ? "" : c.layer().yamlName()))
          .append("</td><td><code>")
          .append(esc(c.object()))
          .append("</code></td><td>")
          .append(esc(c.reason()))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n");
  }

  private static void drift(StringBuilder b, Views.Drift d, Views.Alerts a) {
    b.append("<section id=\"drift\" aria-labelledby=\"drift-h\">\n")
        .append("<h2 id=\"drift-h\">Drift and alerts</h2>\n");
    if (d.inSync()) {
      b.append(
          "<p><span class=\"badge ok\">In sync</span> the cluster matches the manifests.</p>\n");
    } else {
      b.append("<div class=\"scroll\" role=\"region\" aria-labelledby=\"drift-c\" tabindex=\"0\">")
          .append("<table><caption id=\"drift-c\">")
          .append(d.objects().size())
          .append(" object(s) differ from Git</caption>\n<thead><tr>")
          .append("<th scope=\"col\">Object</th><th scope=\"col\">Kind</th>")
          .append("<th scope=\"col\">Reason</th></tr></thead><tbody>\n");
      for (Views.DriftItem i : d.objects()) {
        b.append("<tr><th scope=\"row\"><code>")
            .append(esc(i.key()))
            .append("</code></th><td><span class=\"badge warn\">")
            .append(esc(i.kind()))
            .append("</span></td><td>")
            .append(esc(i.reason()))
            .append("</td></tr>\n");
      }
      b.append("</tbody></table></div>\n");
    }
    if (a.firing().isEmpty()) {
      b.append("<p>No alerts firing.</p>\n");
    } else {
      b.append("<div class=\"scroll\" role=\"region\" aria-labelledby=\"alerts-c\" tabindex=\"0\">")
          .append("<table><caption id=\"alerts-c\">")
          .append(a.firing().size())
          .append(" alert(s) firing</caption>\n<thead><tr><th scope=\"col\">Alert</th>")
          .append(
              "<th scope=\"col\">Since</th><th scope=\"col\">Summary</th></tr></thead><tbody>\n");
      for (Views.Alert x : a.firing()) {
        b.append("<tr><th scope=\"row\"><code>")
            .append(esc(x.key()))
            .append("</code></th><td>")
            .append(esc(x.startsAt()))
            .append("</td><td>")
            .append(esc(x.summary()))
            .append("</td></tr>\n");
      }
      b.append("</tbody></table></div>\n");
    }
    b.append("</section>\n");
  }

  private static String conditionBadge(Views.ConditionView c) {
    boolean good =
        c.type().equals("Ready") ? c.status().equals("True") : c.status().equals("False");
    return "<span class=\"badge " + (good ? "ok" : "warn") + "\">" + esc(c.status()) + "</span>";
  }

  private static String commit(String sha) {
    return sha == null
        ? "<span class=\"muted\">none yet</span>"
        : "<code title=\"" + esc(sha) + "\">" + esc(shortCommit(sha)) + "</code>";
  }

  private static String shortCommit(String sha) {
    return sha == null ? "none" : sha.length() > 12 ? sha.substring(0, 12) : sha;
  }

  private static int percent(long part, long whole) {
    if (whole <= 0) {
      return 0;
    }
    return (int) Math.max(0, Math.min(100, Math.round(100.0 * part / whole)));
  }

  private static String human(long bytes) {
    // Size refuses zero (no volume is empty), a pool's free space may well be
    return bytes <= 0 ? "0 B" : Size.ofBytes(bytes).human();
  }
}
