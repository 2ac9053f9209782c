package io.strata.reconciler.ha;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Creates Quartz's tables (from the {@code tables_postgres.sql} shipped in the Quartz jar) and the
 * lease table, idempotently: every statement is {@code IF NOT EXISTS}, and all of them run in one
 * transaction under a PostgreSQL advisory lock, so instances starting at the same moment create
 * them once and the others wait, then find them there.
 *
 * <p>Only what is missing is created. {@code CREATE INDEX IF NOT EXISTS} still takes a share lock
 * on its table before it finds the index there, and holds it to the end of the transaction: with
 * another instance's Quartz already writing those tables, two of them in opposite order were a
 * deadlock ("cannot create the HA tables: ERROR: deadlock detected", seen in {@code
 * HaRepositoriesTest} when a second repository joined while the first one's scheduler ran).
 */
final class HaSchema {
  /** Arbitrary but fixed: the advisory lock key of schema creation ("strata" in ASCII). */
  static final long LOCK_KEY = 0x737472617461L;

  private static final String QUARTZ_SQL = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

  static final String LEASE_TABLE =
      "CREATE TABLE IF NOT EXISTS strata_lease ("
          + " repository VARCHAR(200) PRIMARY KEY,"
          + " holder VARCHAR(200) NOT NULL,"
          + " epoch BIGINT NOT NULL,"
          + " expires_at TIMESTAMPTZ NOT NULL)";

  private HaSchema() {}

  static void ensure(Connection c) throws SQLException {
    List<String> statements = new ArrayList<>(quartzStatements());
    statements.add(LEASE_TABLE);
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
      Set<String> existing = new HashSet<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT relname FROM pg_catalog.pg_class WHERE pg_table_is_visible(oid)")) {
        while (rs.next()) {
          existing.add(rs.getString(1));
        }
      }
      for (String sql : statements) {
        if (!existing.contains(createdName(sql))) {
          st.execute(sql);
        }
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /**
   * The table or index a {@code CREATE … IF NOT EXISTS name …} statement creates, as PostgreSQL
   * stores an unquoted name (lower case).
   */
  static String createdName(String sql) {
    String rest = sql.substring(sql.toUpperCase(Locale.ROOT).indexOf(" EXISTS ") + 8).strip();
    int end = 0;
    while (end < rest.length()
        && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_')) {
      end++;
    }
    return rest.substring(0, end).toLowerCase(Locale.ROOT);
  }

  /** Quartz's script without its DROPs and COMMIT, every CREATE made idempotent. */
  static List<String> quartzStatements() {
    String script;
    try (InputStream in = HaSchema.class.getResourceAsStream(QUARTZ_SQL)) {
      if (in == null) {
        throw new IllegalStateException(QUARTZ_SQL + " is missing from the Quartz jar");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + QUARTZ_SQL, e);
    }
    StringBuilder body = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        body.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String raw : body.toString().split(";")) {
      String sql = raw.strip();
      String upper = sql.toUpperCase(Locale.ROOT);
      if (sql.isEmpty() || upper.startsWith("DROP ") || upper.equals("COMMIT")) {
        continue;
      }
      if (upper.startsWith("CREATE TABLE ")) {
        sql = "CREATE TABLE IF NOT EXISTS " + sql.substring("CREATE TABLE ".length());
      } else if (upper.startsWith("CREATE INDEX ")) {
        sql = "CREATE INDEX IF NOT EXISTS " + sql.substring("CREATE INDEX ".length());
      } else {
        throw new IllegalStateException("unexpected statement in " + QUARTZ_SQL + ": " + sql);
      }
      out.add(sql);
    }
    return out;
  }
}
