package io.strata.reconciler.ha;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

/**
 * Quartz's JobStoreTX with a shorter wait before a silent instance counts as dead. Quartz adds a
 * fixed 7.5 s to the check-in interval, as room for clock skew between instances (check-in times
 * are each instance's own clock); that margin alone would be most of a failover. Here it is two
 * check-in intervals. Declaring an instance dead too early is harmless: the lead job then starts
 * elsewhere, but that instance only waits for the {@link Lease}, which the live holder keeps
 * renewing and which is timed by the database's clock alone.
 */
public class ClusterJobStore extends JobStoreTX {
  @Override
  protected long calcFailedIfAfter(SchedulerStateRecord rec) {
    return rec.getCheckinTimestamp() + 2 * rec.getCheckinInterval();
  }
}
