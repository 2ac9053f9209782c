package io.strata.reconciler.ha;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * The clustered job that means "run this repository": durable, non-concurrent across the cluster,
 * and recoverable, so when the instance running it dies, Quartz's cluster manager fires it again on
 * a live instance. It runs as long as its instance leads (see {@link HaCluster#lead()}).
 */
@DisallowConcurrentExecution
public final class LeadJob implements Job {
  static final String CLUSTER = "strata.ha.cluster";

  @Override
  public void execute(JobExecutionContext ctx) throws JobExecutionException {
    HaCluster cluster;
    try {
      cluster = (HaCluster) ctx.getScheduler().getContext().get(CLUSTER);
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
    if (cluster != null) {
      cluster.lead();
    }
  }
}
