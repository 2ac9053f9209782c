package io.strata.reconciler.ha;

import io.strata.reconciler.config.ConfigException;
import io.strata.reconciler.config.StrataConfig;
import io.strata.reconciler.git.SecretReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where the HA database is and how to log in. The password is read from {@code ha.passwordRef} once
 * and kept only in memory; it is never part of a log line or an error message.
 */
public final class HaDatabase {
  private final String url;
  private final String user;
  private final String password;

  HaDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public static HaDatabase of(StrataConfig.Ha ha, SecretReader secrets) {
    String pw = ha.passwordRef() == null ? null : secrets.read(ha.passwordRef());
    return new HaDatabase(ha.jdbcUrl(), ha.user(), pw);
  }

  public String url() {
    return url;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** A new connection (autocommit); a failure names the URL, never the password. */
  public Connection connect() throws SQLException {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", "10");
    p.setProperty("ApplicationName", "strata");
    return DriverManager.getConnection(url, p);
  }

  /** As {@link #connect()}, for start-up: an unreachable database is a configuration error. */
  Connection connectOrExplain() {
    try {
      return connect();
    } catch (SQLException e) {
      throw new ConfigException(
          "ha.jdbcUrl "
              + url
              + ": cannot connect ("
              + e.getMessage()
              + ") — check that PostgreSQL runs there and that ha.user / ha.passwordRef are right");
    }
  }
}
