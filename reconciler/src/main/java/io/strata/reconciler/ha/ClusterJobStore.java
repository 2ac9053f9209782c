package io.strata.reconciler.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.quartz.JobPersistenceException;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;
import org.quartz.spi.OperableTrigger;

/**
 * Quartz's JobStoreTX with two changes.
 *
 * <p>A shorter wait before a silent instance counts as dead. Quartz adds a fixed 7.5 s to the
 * check-in interval, as room for clock skew between instances (check-in times are each instance's
 * own clock); that margin alone would be most of a failover. Here it is two check-in intervals.
 * Declaring an instance dead too early is harmless: the lead job then starts elsewhere, but that
 * instance only waits for the {@link Lease}, which the live holder keeps renewing and which is
 * timed by the database's clock alone.
 *
 * <p>An instance can stop competing for triggers ({@link #competing}) while it keeps checking in
 * and recovering dead instances' jobs: {@link Spread} uses it for an instance at its share of the
 * repositories. (Quartz's {@code standby()} is not that: a trigger acquired just before it stays
 * acquired by the paused instance, and no one else can fire it.)
 */
public class ClusterJobStore extends JobStoreTX {
  private static final Map<String, AtomicBoolean> COMPETING = new ConcurrentHashMap<>();

  /** Whether the instance {@code instanceId} of scheduler {@code scheduler} acquires triggers. */
  static AtomicBoolean competing(String scheduler, String instanceId) {
    return COMPETING.computeIfAbsent(scheduler + "|" + instanceId, k -> new AtomicBoolean(true));
  }

  static void forget(String scheduler, String instanceId) {
    COMPETING.remove(scheduler + "|" + instanceId);
  }

  @Override
  protected long calcFailedIfAfter(SchedulerStateRecord rec) {
    return rec.getCheckinTimestamp() + 2 * rec.getCheckinInterval();
  }

  @Override
  public List<OperableTrigger> acquireNextTriggers(long noLaterThan, int maxCount, long timeWindow)
      throws JobPersistenceException {
    if (!competing(getInstanceName(), getInstanceId()).get()) {
      return new ArrayList<>(); // the scheduler idles and asks again
    }
    return super.acquireNextTriggers(noLaterThan, maxCount, timeWindow);
  }
}
