package io.strata.planner.json;

import io.strata.planner.plan.Movement;
import io.strata.planner.plan.PlanCost;
import io.strata.planner.plan.PoolCapacity;
import io.strata.planner.plan.Redundancy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan's cost in {@code strata.plan/v1} (decision 013): a change's {@code movement}, and the
 * top-level {@code cost} with the totals, {@code redundancy} per replicated volume and {@code
 * capacity} per pool and node. Added fields only: a plan without cost has none of them.
 */
final class CostJson {
  private CostJson() {}

  static ObjectNode movement(Movement m) {
    ObjectNode o = JsonText.object();
    o.put("kind", m.kind().jsonName());
    o.put("bytes", m.bytes());
    o.put("bytesPerTarget", m.bytesPerTarget());
    ArrayNode from = o.putArray("from");
    m.from().forEach(from::add);
    ArrayNode to = o.putArray("to");
    m.to().forEach(to::add);
    if (m.rate() > 0) {
      o.put("rate", m.rate());
    } else {
      o.putNull("rate");
    }
    o.put("rateSource", m.rateSource());
    if (m.etaSeconds() == null) {
      o.putNull("etaSeconds");
    } else {
      o.put("etaSeconds", m.etaSeconds().longValue());
    }
    return o;
  }

  static ObjectNode cost(PlanCost c) {
    ObjectNode o = JsonText.object();
    o.put("bytes", c.bytes());
    Long eta = c.etaSeconds();
    if (eta == null) {
      o.putNull("etaSeconds");
    } else {
      o.put("etaSeconds", eta.longValue());
    }
    ArrayNode red = o.putArray("redundancy");
    for (Redundancy r : c.redundancy()) {
      ObjectNode x = red.addObject();
      x.put("volume", r.volume());
      x.put("upToDateBefore", r.before());
      x.put("upToDateMinimum", r.minimum());
      x.put("upToDateAfter", r.after());
      ArrayNode causes = x.putArray("causes");
      r.causes().forEach(causes::add);
    }
    ArrayNode cap = o.putArray("capacity");
    for (PoolCapacity p : c.capacity()) {
      ObjectNode x = cap.addObject();
      x.put("pool", p.pool());
      x.put("node", p.node());
      x.put("type", p.type());
      x.put("totalBytes", p.total());
      usage(x.putObject("before"), p.before(), p.total());
      usage(x.putObject("after"), p.after(), p.total());
      if (p.overcommit() == null) {
        x.putNull("overcommitLimit");
      } else {
        x.put("overcommitLimit", p.overcommit().doubleValue());
      }
    }
    return o;
  }

  private static void usage(ObjectNode o, PoolCapacity.Usage u, long total) {
    o.put("freeBytes", u.free());
    o.put("provisionedBytes", u.provisioned());
    o.put("provisionedRatio", Math.round(u.ratio(total) * 1000) / 1000.0);
  }

  static Movement readMovement(JsonIn m) {
    return new Movement(
        m.enumValue("kind", Movement.Kind.class),
        m.lng("bytesPerTarget"),
        m.strings("from"),
        m.strings("to"),
        m.has("rate") ? m.lng("rate") : 0,
        m.optStr("rateSource"),
        m.has("etaSeconds") ? m.lng("etaSeconds") : null);
  }

  /** The top-level cost plus the movements read from the changes. */
  static PlanCost read(JsonIn c, Map<String, Movement> movements) {
    List<Redundancy> red =
        c.objects(
            "redundancy",
            r ->
                new Redundancy(
                    r.str("volume"),
                    r.integer("upToDateBefore"),
                    r.integer("upToDateMinimum"),
                    r.integer("upToDateAfter"),
                    r.strings("causes")));
    List<PoolCapacity> cap =
        c.objects(
            "capacity",
            p ->
                new PoolCapacity(
                    p.str("pool"),
                    p.str("node"),
                    p.str("type"),
                    p.lng("totalBytes"),
                    readUsage(p.obj("before")),
                    readUsage(p.obj("after")),
                    p.has("overcommitLimit") ? p.dbl("overcommitLimit") : null));
    return new PlanCost(new LinkedHashMap<>(movements), red, cap);
  }

  private static PoolCapacity.Usage readUsage(JsonIn u) {
    return new PoolCapacity.Usage(u.lng("freeBytes"), u.lng("provisionedBytes"));
  }
}
