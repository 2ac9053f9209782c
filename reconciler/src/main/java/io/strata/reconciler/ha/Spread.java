package io.strata.reconciler.ha;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads the repositories of a multi-repository deployment over its instances. Quartz elects who
 * runs each repository's lead job but does not balance long-running jobs: the first instance up
 * would lead them all. So an instance leads at most its fair share, {@code ceil(repositories / live
 * instances)}: it declines a lead job beyond it (Quartz fires it again a second later, on whichever
 * instance acquires it), and when a new instance joins, the one above its share hands one
 * repository over between cycles (releasing the lease, so the other takes it at once).
 *
 * <p>Live instances are the rows of Quartz's own {@code qrtz_scheduler_state} that checked in
 * lately — the cluster's membership, not a second registry. Shared by the repositories' {@link
 * HaCluster}s of one process.
 */
public final class Spread implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Spread.class);

  private final HaDatabase db;
  private final int repositories;
  private final String[] schedulers; // the Quartz clusters of this deployment's repositories
  private final Duration checkin;
  private final Set<HaCluster> leading = ConcurrentHashMap.newKeySet();
  private final Set<HaCluster> clusters = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.ScheduledExecutorService ticker =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "strata-spread");
            t.setDaemon(true);
            return t;
          });
  private Connection connection; // guarded by this
  private long countedAt; // nanoTime of the last count, guarded by this
  private int instances = 1; // guarded by this

  /** {@code repositories}: the names the deployment gives its repositories' HA clusters. */
  public Spread(HaDatabase db, java.util.List<String> repositories, Duration checkin) {
    this.db = db;
    this.repositories = repositories.size();
    this.schedulers =
        repositories.stream()
            .map(r -> HaCluster.schedulerName(HaCluster.key(r)))
            .toArray(String[]::new);
    this.checkin = checkin;
    long every = Math.max(1, checkin.toMillis() / 2);
    ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  void register(HaCluster c) {
    clusters.add(c);
    tick();
  }

  /**
   * Below its share, this instance competes for every repository it does not lead; at its share,
   * for none of them, so that instances with room win them.
   */
  private synchronized void tick() {
    try {
      boolean room = leading.size() < fairShare();
      for (HaCluster c : clusters) {
        if (!leading.contains(c)) {
          c.compete(room);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("spreading the repositories failed this time: {}", e.toString());
    }
  }

  /** This instance's fair share: the most repositories it should lead. */
  int fairShare() {
    int n = Math.max(1, liveInstances());
    return (repositories + n - 1) / n;
  }

  /** Whether {@code c} may start leading: this instance is below its share. */
  boolean mayLead(HaCluster c) {
    if (leading.contains(c) || leading.size() < fairShare()) {
      return true;
    }
    tick(); // stop competing before the lead job returns, or this instance re-acquires it at once
    return false;
  }

  /**
   * Counts {@code c} as led, if this instance is still below its share: two of its repositories'
   * lead jobs may have passed {@link #mayLead} together, and only one of them may then lead.
   */
  synchronized boolean claim(HaCluster c) {
    if (!leading.contains(c) && leading.size() >= fairShare()) {
      tick();
      return false;
    }
    leading.add(c);
    tick();
    return true;
  }

  /**
   * Called before the lead job returns: Quartz signals this instance's scheduler thread when the
   * job completes, which then acquires the trigger again before any other instance polls, so an
   * instance that hands a repository over must have stopped competing for it by then.
   */
  void stopsLeading(HaCluster c) {
    leading.remove(c);
    tick();
  }

  /**
   * Whether {@code c} should hand its repository over: this instance leads more than its share, and
   * {@code c} is the last of its repositories by key (so that one, not all, is handed over).
   */
  boolean shouldHandOver(HaCluster c) {
    if (leading.size() <= fairShare()) {
      return false;
    }
    return leading.stream().max(Comparator.comparing(HaCluster::key)).orElse(null) == c;
  }

  /** How many instances checked in lately (cached for a check-in interval). */
  private synchronized int liveInstances() {
    long now = System.nanoTime();
    if (connection != null && now - countedAt < checkin.toNanos()) {
      return instances;
    }
    String sql =
        "SELECT COUNT(DISTINCT instance_name) FROM qrtz_scheduler_state"
            + " WHERE sched_name = ANY(?) AND last_checkin_time > ?";
    try {
      if (connection == null) {
        connection = db.connect();
      }
      try (PreparedStatement st = connection.prepareStatement(sql)) {
        // check-in times are the instances' own clocks; three intervals leave room for skew
        st.setArray(1, connection.createArrayOf("varchar", schedulers));
        st.setLong(2, System.currentTimeMillis() - 3 * checkin.toMillis());
        try (ResultSet rs = st.executeQuery()) {
          instances = rs.next() ? Math.max(1, rs.getInt(1)) : 1;
        }
      }
      countedAt = now;
    } catch (SQLException e) {
      LOG.warn("cannot count the live instances (keeping {}): {}", instances, e.getMessage());
      closeConnection();
    }
    return instances;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    closeConnection();
  }

  private synchronized void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // broken anyway
      }
      connection = null;
    }
  }
}
