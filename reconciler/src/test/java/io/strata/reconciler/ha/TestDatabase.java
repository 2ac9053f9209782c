package io.strata.reconciler.ha;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL for the HA tests: {@code STRATA_TEST_PG_URL} (+ {@code _USER}, {@code
 * _PASSWORD}; environment or system property), as {@code .ci/postgres} starts one. Each test gets a
 * fresh schema, so runs and tests never see each other's tables. Without the variable, the test is
 * skipped and says why.
 */
public record TestDatabase(String url, String user, String password, String schema) {
  public static String setting(String name) {
    String v = System.getProperty(name);
    return v != null ? v : System.getenv(name);
  }

  /** A fresh schema on the test database, or the test is skipped with the reason. */
  public static TestDatabase fresh() {
    String base = setting("STRATA_TEST_PG_URL");
    Assumptions.assumeTrue(
        base != null && !base.isBlank(),
        "SKIPPED: no PostgreSQL for the HA tests — set STRATA_TEST_PG_URL (and _USER, _PASSWORD),"
            + " e.g. eval \"$(bash .ci/postgres /tmp/strata-pg)\"");
    String user = setting("STRATA_TEST_PG_USER");
    String password = setting("STRATA_TEST_PG_PASSWORD");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(base, user, password);
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      Assumptions.abort("SKIPPED: PostgreSQL at " + base + " cannot be used: " + e.getMessage());
    }
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new TestDatabase(url, user, password, schema);
  }

  public HaDatabase ha() {
    return new HaDatabase(url, user, password);
  }

  /** The {@code ha:} block of a strata.yaml using this database; the password from a file. */
  public String yaml(String passwordFile, String extra) {
    return "ha:\n"
        + "  jdbcUrl: \""
        + url
        + "\"\n"
        + (user == null ? "" : "  user: " + user + "\n")
        + (password == null ? "" : "  passwordRef: file:" + passwordFile + "\n")
        + extra;
  }
}
