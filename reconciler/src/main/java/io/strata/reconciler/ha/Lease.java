package io.strata.reconciler.ha;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to apply changes to one repository's cluster: a row in {@code strata_lease} (holder,
 * epoch, expiry by the database's clock), taken only once the previous holder's expiry passed, and
 * renewed by its holder well before it expires.
 *
 * <p>The holder trusts its lease only until {@code ttl} (less a margin) after it <em>sent</em> the
 * last successful renewal, measured on its own monotonic clock: a process that was paused, or cut
 * off from the database, stops applying before anyone else can take the lease, without having to
 * reach the database to find out. {@link #valid()} is that check, cheap enough to ask before every
 * change.
 */
public final class Lease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Lease.class);

  /** Who holds a repository's lease, as the database says. */
  public record Holder(String instanceId, boolean live) {}

  private final HaDatabase db;
  private final String repository;
  private final String instanceId;
  private final Duration ttl;
  private final long marginNanos;
  private final LongSupplier nanoTime;
  private Connection connection; // dedicated, guarded by this
  private long epoch; // 0: not held
  private volatile long validUntil; // nanoTime; meaningful only while held
  private volatile boolean held;

  public Lease(HaDatabase db, String repository, String instanceId, Duration ttl) {
    this(db, repository, instanceId, ttl, System::nanoTime);
  }

  Lease(HaDatabase db, String repository, String instanceId, Duration ttl, LongSupplier nanoTime) {
    this.db = db;
    this.repository = repository;
    this.instanceId = instanceId;
    this.ttl = ttl;
    this.marginNanos = ttl.toNanos() / 5;
    this.nanoTime = nanoTime;
  }

  /** Whether this instance may apply now: it holds the lease and its local expiry is ahead. */
  public boolean valid() {
    return held && nanoTime.getAsLong() - validUntil < 0;
  }

  /**
   * Takes the lease if nobody holds it or the holder's expiry passed (by the database's clock).
   * Returns whether this instance holds it now.
   */
  public synchronized boolean tryAcquire() throws SQLException {
    long sent = nanoTime.getAsLong();
    String sql =
        "INSERT INTO strata_lease AS l (repository, holder, epoch, expires_at)"
            + " VALUES (?, ?, 1, clock_timestamp() + ? * INTERVAL '1 millisecond')"
            + " ON CONFLICT (repository) DO UPDATE SET holder = EXCLUDED.holder,"
            + " epoch = l.epoch + 1, expires_at = EXCLUDED.expires_at"
            + " WHERE l.expires_at < clock_timestamp()"
            + " RETURNING epoch";
    try (PreparedStatement st = connection().prepareStatement(sql)) {
      st.setString(1, repository);
      st.setString(2, instanceId);
      st.setLong(3, ttl.toMillis());
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        epoch = rs.getLong(1);
      }
    } catch (SQLException e) {
      dropConnection();
      throw e;
    }
    validUntil = sent + ttl.toNanos() - marginNanos;
    held = true;
    LOG.info("lease on {} taken by {} (epoch {})", repository, instanceId, epoch);
    return true;
  }

  /**
   * Extends the lease. Returns false when it is lost (another instance took it: this one is fenced
   * at once); throws when the database cannot be reached (the lease stays valid locally until its
   * expiry, so a short outage costs nothing).
   */
  public synchronized boolean renew() throws SQLException {
    if (!held) {
      return false;
    }
    long sent = nanoTime.getAsLong();
    String sql =
        "UPDATE strata_lease SET expires_at = clock_timestamp() + ? * INTERVAL '1 millisecond'"
            + " WHERE repository = ? AND holder = ? AND epoch = ?";
    int n;
    try (PreparedStatement st = connection().prepareStatement(sql)) {
      st.setLong(1, ttl.toMillis());
      st.setString(2, repository);
      st.setString(3, instanceId);
      st.setLong(4, epoch);
      n = st.executeUpdate();
    } catch (SQLException e) {
      dropConnection();
      throw e;
    }
    if (n == 0) {
      held = false;
      LOG.warn("lease on {} lost: another instance holds it now", repository);
      return false;
    }
    // Same epoch: nobody took the lease meanwhile, so even after a pause it is safe to go on.
    validUntil = sent + ttl.toNanos() - marginNanos;
    return true;
  }

  /** Gives the lease up (graceful stop), so that a standby need not wait for it to expire. */
  public synchronized void release() {
    boolean was = held || epoch != 0;
    held = false;
    if (!was) {
      return;
    }
    String sql =
        "UPDATE strata_lease SET expires_at = clock_timestamp() - INTERVAL '1 millisecond'"
            + " WHERE repository = ? AND holder = ? AND epoch = ?";
    try (PreparedStatement st = connection().prepareStatement(sql)) {
      st.setString(1, repository);
      st.setString(2, instanceId);
      st.setLong(3, epoch);
      st.executeUpdate();
    } catch (SQLException e) {
      dropConnection();
      LOG.warn("cannot release the lease on {} (it expires by itself): {}", repository, e);
    }
    epoch = 0;
  }

  /** Who holds the lease now, by the database (empty: nobody ever did, or it cannot be read). */
  public synchronized Optional<Holder> holder() {
    String sql =
        "SELECT holder, expires_at > clock_timestamp() FROM strata_lease WHERE repository = ?";
    try (PreparedStatement st = connection().prepareStatement(sql)) {
      st.setString(1, repository);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next()
            ? Optional.of(new Holder(rs.getString(1), rs.getBoolean(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      dropConnection();
      return Optional.empty();
    }
  }

  public String repository() {
    return repository;
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = db.connect();
    }
    return connection;
  }

  private void dropConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // a broken connection; the next call opens a new one
      }
      connection = null;
    }
  }

  @Override
  public synchronized void close() {
    dropConnection();
  }
}
