package io.strata.reconciler.ha;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates Quartz's tables (from the {@code tables_postgres.sql} shipped in the Quartz jar) and the
 * lease table, idempotently: every statement is {@code IF NOT EXISTS}, and all of them run in one
 * transaction under a PostgreSQL advisory lock, so instances starting at the same moment create
 * them once and the others wait, then find them there.
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
      for (String sql : statements) {
        st.execute(sql);
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
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
