package io.strata.reconciler.ha;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's connection pool (HikariCP), configured by Quartz from {@code
 * org.quartz.dataSource.NAME.*} through these setters. Quartz's own {@code hikaricp} provider
 * cannot set the time a caller waits for a connection, and HikariCP's default, 30 s, is what a
 * restarted database would cost before Quartz noticed it was back; here it is the check-in
 * interval.
 */
public final class HaConnectionProvider implements ConnectionProvider {
  private String jdbcUrl;
  private String user;
  private String password;
  private int maxConnections = 4;
  private long connectionTimeout = 2000;
  private HikariDataSource ds;

  public void setJdbcUrl(String v) {
    jdbcUrl = v;
  }

  public void setUser(String v) {
    user = v;
  }

  public void setPassword(String v) {
    password = v;
  }

  public void setMaxConnections(int v) {
    maxConnections = v;
  }

  /** Milliseconds a caller waits for a connection (at least 250, HikariCP's minimum). */
  public void setConnectionTimeout(long v) {
    connectionTimeout = Math.max(250, v);
  }

  @Override
  public void initialize() {
    ds = new HikariDataSource();
    ds.setDriverClassName("org.postgresql.Driver");
    ds.setJdbcUrl(jdbcUrl);
    if (user != null && !user.isEmpty()) {
      ds.setUsername(user);
    }
    if (password != null && !password.isEmpty()) {
      ds.setPassword(password);
    }
    ds.setMaximumPoolSize(maxConnections);
    ds.setConnectionTimeout(connectionTimeout);
    ds.setPoolName("strata-quartz");
    // start even when the database is briefly unreachable: Quartz retries
    ds.setInitializationFailTimeout(-1);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return ds.getConnection();
  }

  @Override
  public void shutdown() {
    if (ds != null) {
      ds.close();
    }
  }
}
