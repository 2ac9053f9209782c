package io.strata.reconciler.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lease and the tables, against a real PostgreSQL (skipped without one). */
class LeaseTest {
  private static final Duration TTL = Duration.ofSeconds(2);

  @Test
  void tablesAreCreatedOnceWhenInstancesStartTogether() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Callable<Void> ensure =
            () -> {
              try (Connection c = db.ha().connect()) {
                HaSchema.ensure(c);
              }
              return null;
            };
        done.add(pool.submit(ensure));
      }
      for (Future<Void> f : done) {
        f.get(); // none failed (a race on CREATE TABLE would throw here)
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = db.ha().connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + db.schema()
                    + "'")) {
      rs.next();
      // Quartz's eleven tables and the lease
      assertEquals(12, rs.getInt(1));
    }
  }

  @Test
  void onlyOneHolderAndAnExpiredHolderIsFenced() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    try (Connection c = db.ha().connect()) {
      HaSchema.ensure(c);
    }
    AtomicLong clockA = new AtomicLong(0);
    try (Lease a = new Lease(db.ha(), "repo", "a", TTL, clockA::get);
        Lease b = new Lease(db.ha(), "repo", "b", TTL)) {
      assertTrue(a.tryAcquire());
      assertTrue(a.valid());
      assertFalse(b.tryAcquire(), "the lease is held and not expired");
      assertTrue(a.renew());
      assertEquals("a", a.holder().orElseThrow().instanceId());

      // a pauses: its own clock runs past the lease, so it is fenced without asking anyone
      clockA.addAndGet(TTL.toNanos());
      assertFalse(a.valid());

      // b takes the lease once the database says it expired (polling, bounded)
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!b.tryAcquire()) {
        assertTrue(System.nanoTime() < deadline, "b never got the expired lease");
        Thread.sleep(100);
      }
      assertTrue(b.valid());
      // a resumes: its renewal finds another holder
      assertFalse(a.renew());
      assertFalse(a.valid());
      assertEquals("b", b.holder().orElseThrow().instanceId());
    }
  }

  @Test
  void aReleasedLeaseIsTakenAtOnce() throws Exception {
    TestDatabase db = TestDatabase.fresh();
    try (Connection c = db.ha().connect()) {
      HaSchema.ensure(c);
    }
    try (Lease a = new Lease(db.ha(), "repo", "a", Duration.ofMinutes(5));
        Lease b = new Lease(db.ha(), "repo", "b", Duration.ofMinutes(5))) {
      assertTrue(a.tryAcquire());
      assertFalse(b.tryAcquire());
      a.release();
      assertFalse(a.valid());
      assertTrue(b.tryAcquire(), "a graceful stop hands over without waiting for expiry");
    }
  }
}
