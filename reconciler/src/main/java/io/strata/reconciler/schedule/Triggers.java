package io.strata.reconciler.schedule;

import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The Quartz side: a RAM job store with two repeating jobs, poll ({@code git.pollInterval}) and
 * drift ({@code reconcile.driftInterval}). The jobs only hand work to the {@link CoalescingWorker};
 * the cycle itself never runs on a Quartz thread, so a slow apply cannot pile up Quartz executions.
 */
public final class Triggers implements AutoCloseable {
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final String WORKER = "strata.worker";
  private static final String SNAPSHOTS = "snapshots";

  private final Scheduler scheduler;

  /** Hands a poll trigger to the worker. */
  @DisallowConcurrentExecution
  public static final class PollJob implements Job {
    @Override
    public void execute(JobExecutionContext ctx) throws JobExecutionException {
      worker(ctx).request(Work.RECONCILE);
    }
  }

  /** Hands a drift-check trigger to the worker. */
  @DisallowConcurrentExecution
  public static final class DriftJob implements Job {
    @Override
    public void execute(JobExecutionContext ctx) throws JobExecutionException {
      worker(ctx).request(Work.DRIFT);
    }
  }

  /**
   * A volume's snapshot schedule fired: a cycle decides what is due (by the snapshots on the nodes
   * and the clock), so a fire that finds a cycle running coalesces into the next one.
   */
  @DisallowConcurrentExecution
  public static final class SnapshotJob implements Job {
    @Override
    public void execute(JobExecutionContext ctx) throws JobExecutionException {
      org.slf4j.LoggerFactory.getLogger(Triggers.class)
          .debug("snapshot schedule of {} fired", ctx.getJobDetail().getKey().getName());
      worker(ctx).request(Work.RECONCILE);
    }
  }

  private static CoalescingWorker worker(JobExecutionContext ctx) throws JobExecutionException {
    try {
      return (CoalescingWorker) ctx.getScheduler().getContext().get(WORKER);
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
  }

  /**
   * Starts the scheduler. The first poll fires at once (a restarted daemon reconciles right away);
   * the first drift check after one interval. A zero interval disables that job.
   */
  public Triggers(CoalescingWorker worker, Duration poll, Duration drift) {
    Properties p = new Properties();
    p.setProperty(
        StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "strata-" + INSTANCES.incrementAndGet());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.threadCount", "2");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    try {
      scheduler = new StdSchedulerFactory(p).getScheduler();
      scheduler.getContext().put(WORKER, worker);
      if (!poll.isZero()) {
        schedule(PollJob.class, "poll", poll, Duration.ZERO);
      }
      if (!drift.isZero()) {
        schedule(DriftJob.class, "drift", drift, drift);
      }
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the Quartz scheduler: " + e.getMessage(), e);
    }
  }

  private void schedule(Class<? extends Job> job, String name, Duration every, Duration delay)
      throws SchedulerException {
    scheduler.scheduleJob(
        JobBuilder.newJob(job).withIdentity(name, "strata").build(),
        TriggerBuilder.newTrigger()
            .withIdentity(name, "strata")
            .startAt(new Date(System.currentTimeMillis() + delay.toMillis()))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(every.toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build());
  }

  /**
   * Replaces the snapshot schedules' cron triggers (UTC) with {@code cronByVolume}'s, one job per
   * volume in group {@code snapshots}. Expressions were validated at load.
   */
  public synchronized void schedules(java.util.Map<String, String> cronByVolume) {
    try {
      for (org.quartz.JobKey k :
          scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(SNAPSHOTS))) {
        scheduler.deleteJob(k);
      }
      for (var e : new java.util.TreeMap<>(cronByVolume).entrySet()) {
        scheduler.scheduleJob(
            JobBuilder.newJob(SnapshotJob.class).withIdentity(e.getKey(), SNAPSHOTS).build(),
            TriggerBuilder.newTrigger()
                .withIdentity(e.getKey(), SNAPSHOTS)
                .withSchedule(
                    org.quartz.CronScheduleBuilder.cronSchedule(SnapshotClock.cron(e.getValue()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build());
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule snapshots: " + e.getMessage(), e);
    }
  }

  /** Stops firing triggers; does not wait for the worker. */
  @Override
  public void close() {
    try {
      scheduler.shutdown(false);
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }
}
