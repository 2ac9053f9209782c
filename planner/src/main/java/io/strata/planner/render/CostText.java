package io.strata.planner.render;

import io.strata.planner.plan.Movement;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.PlanCost;
import io.strata.planner.plan.PoolCapacity;
import io.strata.planner.plan.Redundancy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plan's cost (decision 013) as text and as Markdown, from the same facts: the data movement
 * (only when data moves), the redundancy of the volumes whose UpToDate count changes, and the
 * capacity of the pools the plan touches. The Markdown tables list at most {@link #MAX_ROWS} rows
 * each, so that a plan touching thousands of pools still fits one pull-request comment; the JSON
 * and {@code strata plan} carry everything.
 */
final class CostText {
  static final int MAX_ROWS = 25;

  private CostText() {}

  /** "2h 55m", "3d 4h", "45s"; "unknown" when null. */
  static String eta(Long seconds) {
    if (seconds == null) {
      return "unknown";
    }
    long s = seconds;
    if (s < 60) {
      return s + "s";
    }
    long m = (s + 59) / 60;
    if (m < 60) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 24) {
      return h + "h " + (m % 60) + "m";
    }
    return (h / 24) + "d " + (h % 24) + "h";
  }

  /** "ETA 2h 55m at 100 MiB/s (reconcile.syncRate)" or "ETA unknown (no sync rate configured)". */
  static String etaOf(Movement m) {
    if (m.etaSeconds() == null) {
      return "ETA unknown (" + m.rateSource() + ")";
    }
    return "ETA "
        + eta(m.etaSeconds())
        + " at "
        + SizeText.human(m.rate())
        + "/s ("
        + m.rateSource()
        + ")";
  }

  static String route(Movement m) {
    String from = m.from().isEmpty() ? "(no UpToDate replica)" : String.join(", ", m.from());
    return from + " -> " + String.join(", ", m.to());
  }

  static String total(PlanCost c) {
    Long eta = c.etaSeconds();
    // parallel resyncs share their sources' links: the longest one is a lower bound for the whole
    String bound = c.movements().size() > 1 ? "at least " : "";
    long local =
        c.movements().values().stream()
            .filter(m -> m.kind() == Movement.Kind.BLOCK_COPY)
            .mapToLong(Movement::bytes)
            .sum();
    String moved =
        local == 0
            ? SizeText.human(c.bytes()) + " over the network"
            : local == c.bytes()
                ? SizeText.human(local) + " copied on the nodes"
                : SizeText.human(c.bytes() - local)
                    + " over the network, "
                    + SizeText.human(local)
                    + " copied on the nodes";
    return moved + ", ETA " + (eta == null ? "unknown" : bound + eta(eta));
  }

  /** Volumes whose UpToDate count moves during or after the plan. */
  static List<Redundancy> interesting(PlanCost c) {
    List<Redundancy> out = new ArrayList<>();
    for (Redundancy r : c.redundancy()) {
      if (r.minimum() != r.before() || r.after() != r.before()) {
        out.add(r);
      }
    }
    return out;
  }

  /** The causes of a lower count, or why a higher one comes only later. */
  static String why(Redundancy r) {
    if (!r.causes().isEmpty()) {
      return String.join("; ", r.causes());
    }
    return r.after() > r.minimum() ? "new replicas count once their sync finished" : "";
  }

  static String redundancy(Redundancy r) {
    return r.before()
        + " now, "
        + (r.atRisk() ? "drops to " : "at least ")
        + r.minimum()
        + " during the plan, "
        + r.after()
        + " when done";
  }

  static String ratio(PoolCapacity p, PoolCapacity.Usage u) {
    return String.format(Locale.ROOT, "%.2f", u.ratio(p.total()));
  }

  /**
   * "1.2 TiB of 2 TiB (0.60/2.00)": provisioned and, for thin pools, the overcommit ratio/limit.
   */
  static String provisioned(PoolCapacity p, PoolCapacity.Usage u) {
    String s = SizeText.human(u.provisioned());
    if (p.thin()) {
      s += String.format(Locale.ROOT, " (%s of %.2f)", ratio(p, u), p.overcommit());
    }
    return s;
  }

  // ---- text

  static void text(Plan plan, java.util.function.Consumer<String> line) {
    PlanCost c = plan.cost();
    if (!c.movements().isEmpty()) {
      line.accept("Data movement (" + total(c) + "):");
      for (Map.Entry<String, Movement> e : c.movements().entrySet()) {
        Movement m = e.getValue();
        line.accept(
            "  "
                + e.getKey()
                + "  "
                + m.kind().human()
                + "  "
                + SizeText.human(m.bytesPerTarget())
                + "  "
                + route(m)
                + "  "
                + etaOf(m));
      }
      line.accept("");
    }
    List<Redundancy> red = interesting(c);
    if (!red.isEmpty()) {
      line.accept("Redundancy during the change (UpToDate replicas):");
      for (Redundancy r : red) {
        line.accept("  " + r.volume() + ": " + redundancy(r));
        for (String cause : r.causes()) {
          line.accept("      # " + cause);
        }
      }
      line.accept("");
    }
    if (!c.capacity().isEmpty()) {
      line.accept("Pool capacity (free before -> after; provisioned before -> after):");
      for (PoolCapacity p : c.capacity()) {
        line.accept(
            "  "
                + p.pool()
                + " on "
                + p.node()
                + " ("
                + p.type()
                + ", "
                + SizeText.human(p.total())
                + "): free "
                + SizeText.human(p.before().free())
                + " -> "
                + SizeText.human(p.after().free())
                + "; provisioned "
                + provisioned(p, p.before())
                + " -> "
                + provisioned(p, p.after()));
      }
      line.accept("");
    }
  }

  // ---- Markdown

  static String markdown(Plan plan) {
    PlanCost c = plan.cost();
    StringBuilder b = new StringBuilder();
    if (!c.movements().isEmpty()) {
      b.append("#### Data movement\n\n").append(MarkdownText.text(total(c))).append(".\n\n");
      b.append("| volume | node | what | size | from → to | ETA |\n");
      b.append("| --- | --- | --- | ---: | --- | --- |\n");
      int n = 0;
      for (Map.Entry<String, Movement> e : c.movements().entrySet()) {
        if (n++ == MAX_ROWS) {
          break;
        }
        Movement m = e.getValue();
        String volume = e.getKey().substring(0, Math.max(0, e.getKey().indexOf('/')));
        b.append("| ")
            .append(MarkdownText.text(volume))
            .append(" | ")
            .append(MarkdownText.text(String.join(", ", m.to())))
            .append(" | ")
            .append(m.kind().human())
            .append(" | ")
            .append(SizeText.human(m.bytesPerTarget()))
            .append(" | ")
            .append(MarkdownText.text(route(m).replace("->", "→")))
            .append(" | ")
            .append(MarkdownText.text(etaOf(m).replaceFirst("^ETA ", "")))
            .append(" |\n");
      }
      more(b, c.movements().size());
      b.append('\n');
    }
    List<Redundancy> red = interesting(c);
    if (!red.isEmpty()) {
      b.append("#### Redundancy during the change\n\n");
      b.append("| volume | UpToDate now | lowest during the plan | when done | why |\n");
      b.append("| --- | ---: | ---: | ---: | --- |\n");
      int n = 0;
      for (Redundancy r : red) {
        if (n++ == MAX_ROWS) {
          break;
        }
        b.append("| ")
            .append(MarkdownText.text(r.volume()))
            .append(" | ")
            .append(r.before())
            .append(" | ")
            .append(r.atRisk() ? "**" + r.minimum() + "** ⚠" : String.valueOf(r.minimum()))
            .append(" | ")
            .append(r.after())
            .append(" | ")
            .append(MarkdownText.text(why(r)))
            .append(" |\n");
      }
      more(b, red.size());
      b.append('\n');
    }
    if (!c.capacity().isEmpty()) {
      b.append("#### Pool capacity\n\n");
      b.append(
          "| pool | node | type | total | free before | free after | provisioned before | provisioned after |\n");
      b.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
      int n = 0;
      for (PoolCapacity p : c.capacity()) {
        if (n++ == MAX_ROWS) {
          break;
        }
        b.append("| ")
            .append(MarkdownText.text(p.pool()))
            .append(" | ")
            .append(MarkdownText.text(p.node()))
            .append(" | ")
            .append(p.type())
            .append(" | ")
            .append(SizeText.human(p.total()))
            .append(" | ")
            .append(SizeText.human(p.before().free()))
            .append(" | ")
            .append(SizeText.human(p.after().free()))
            .append(" | ")
            .append(provisioned(p, p.before()))
            .append(" | ")
            .append(provisioned(p, p.after()))
            .append(" |\n");
      }
      more(b, c.capacity().size());
      b.append('\n');
    }
    return b.toString();
  }

  private static void more(StringBuilder b, int size) {
    if (size > MAX_ROWS) {
      b.append("\n_…and ")
          .append(size - MAX_ROWS)
          .append(" more (run `strata plan` or see the plan JSON)_\n");
    }
  }
}
