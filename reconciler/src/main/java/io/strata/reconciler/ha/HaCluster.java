package io.strata.reconciler.ha;

import io.strata.reconciler.config.StrataConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's membership in the HA cluster: a Quartz scheduler on the clustered JDBC job store
 * (JobStoreTX, PostgreSQLDelegate) that holds one {@link LeadJob} per repository. The instance
 * whose Quartz fires the lead job takes the repository's {@link Lease}, tells the daemon it is
 * {@linkplain Roles#active() active}, and renews the lease until it stops or loses it; then it
 * tells the daemon it is a {@linkplain Roles#standby() standby} and the job ends, so another
 * instance can lead. Quartz decides who; the lease makes sure that only one applies.
 */
public final class HaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HaCluster.class);
  private static final String GROUP = "strata";

  /** What the daemon does when this instance becomes active or stops being so. */
  public interface Roles {
    void active();

    void standby();

    /** Whether no cycle runs now (a repository is handed to another instance only then). */
    default boolean idle() {
      return true;
    }
  }

  private final Scheduler scheduler;
  private final Lease lease;
  private final Roles roles;
  private final String instanceId;
  private final String repository;
  private final Duration renewEvery;
  private final String key;
  private Spread spread; // null: a single repository, nothing to spread
  private final Object monitor = new Object();
  private volatile boolean stopping;
  private volatile boolean active;

  private HaCluster(
      Scheduler scheduler,
      Lease lease,
      Roles roles,
      String instanceId,
      String repository,
      Duration renewEvery) {
    this.key = key(repository);
    this.scheduler = scheduler;
    this.lease = lease;
    this.roles = roles;
    this.instanceId = instanceId;
    this.repository = repository;
    this.renewEvery = renewEvery;
  }

  /**
   * Creates the tables if needed, joins the cluster and schedules the repository's lead job (once
   * for the whole cluster). {@code repository} names the repository in logs and /healthz.
   */
  public static HaCluster join(StrataConfig.Ha ha, HaDatabase db, String repository, Roles roles) {
    return join(ha, db, repository, roles, null);
  }

  /**
   * As above, for one repository of several: {@code spread} keeps this instance to its fair share
   * of the deployment's repositories (null: no limit).
   */
  public static HaCluster join(
      StrataConfig.Ha ha, HaDatabase db, String repository, Roles roles, Spread spread) {
    try (Connection c = db.connectOrExplain()) {
      HaSchema.ensure(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the HA tables: " + e.getMessage(), e);
    }
    String key = key(repository);
    Lease lease = new Lease(db, key, ha.instanceId(), ha.leaseTtl());
    Scheduler scheduler;
    try {
      scheduler = new StdSchedulerFactory(properties(ha, db, key)).getScheduler();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the clustered scheduler: " + e.getMessage(), e);
    }
    Duration renew = ha.leaseTtl().dividedBy(4);
    HaCluster cluster = new HaCluster(scheduler, lease, roles, ha.instanceId(), repository, renew);
    cluster.spread = spread;
    if (spread != null) {
      spread.register(cluster);
    }
    try {
      scheduler.getContext().put(LeadJob.CLUSTER, cluster);
      scheduleOnce(scheduler, key, repository);
      scheduler.start();
    } catch (SchedulerException e) {
      lease.close();
      throw new IllegalStateException("cannot join the HA cluster: " + e.getMessage(), e);
    }
    LOG.info(
        "instance {} joined the HA cluster at {} for {}", ha.instanceId(), db.url(), repository);
    return cluster;
  }

  /** The Quartz scheduler (cluster) name of a repository's key. */
  static String schedulerName(String key) {
    return "strata-" + key;
  }

  String key() {
    return key;
  }

  /** A repository's job and lease name: short and stable whatever the URL looks like. */
  static String key(String repository) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(repository.getBytes(StandardCharsets.UTF_8));
      return "repository-" + HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Properties properties(StrataConfig.Ha ha, HaDatabase db, String key) {
    Properties p = new Properties();
    // One Quartz cluster per repository (Quartz's rows are keyed by this name): instances that
    // serve other repositories from the same database never run, nor recover, this one's job.
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, schedulerName(key));
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, ha.instanceId());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    // a recovered lead job is picked up within a second, not Quartz's default 30 s idle wait
    p.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
    p.setProperty("org.quartz.threadPool.threadCount", "2");
    // after a database outage, retry within a check-in interval, not Quartz's default 15 s
    p.setProperty(
        "org.quartz.scheduler.dbFailureRetryInterval",
        Long.toString(ha.checkinInterval().toMillis()));
    p.setProperty("org.quartz.jobStore.class", ClusterJobStore.class.getName());
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    // Quartz keeps data sources in a JVM-wide registry, by name: the last one registered under a
    // name serves every scheduler using it, and the first scheduler to shut down closes it. A name
    // per instance and repository keeps two instances in one JVM (tests), and the repositories of
    // one process, from sharing a pool — with one name, stopping the first repository closed the
    // others' pool, and their shutdown then waited for ever on a job that could not complete.
    String ds = ("strata_" + ha.instanceId() + "_" + key).replaceAll("[^A-Za-z0-9]", "_");
    p.setProperty("org.quartz.jobStore.dataSource", ds);
    // A lead trigger is BLOCKED while its job runs, so when the job ends (hand-over, lost lease,
    // recovery) its next fire time is as old as the leadership. Quartz acquires only triggers at
    // most misfireThreshold late; older ones wait for the misfire handler, which looks once per
    // threshold (default 60 s). One check-in interval bounds that wait.
    p.setProperty(
        "org.quartz.jobStore.misfireThreshold", Long.toString(ha.checkinInterval().toMillis()));
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval",
        Long.toString(ha.checkinInterval().toMillis()));
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    String prefix = "org.quartz.dataSource." + ds + ".";
    p.setProperty(prefix + "connectionProvider.class", HaConnectionProvider.class.getName());
    p.setProperty(prefix + "jdbcUrl", db.url());
    if (db.user() != null) {
      p.setProperty(prefix + "user", db.user());
    }
    if (db.password() != null) {
      p.setProperty(prefix + "password", db.password());
    }
    p.setProperty(prefix + "maxConnections", "4");
    p.setProperty(prefix + "connectionTimeout", Long.toString(ha.checkinInterval().toMillis()));
    return p;
  }

  /**
   * The lead job and its trigger, stored once for the cluster: instances that start together race
   * here, and the losers find them there. The trigger repeats every second; while the job runs it
   * is blocked (the job is non-concurrent), so it only matters after the job ended.
   */
  private static void scheduleOnce(Scheduler s, String key, String repository)
      throws SchedulerException {
    JobDetail job =
        JobBuilder.newJob(LeadJob.class)
            .withIdentity(key, GROUP)
            .withDescription(repository.length() > 240 ? repository.substring(0, 240) : repository)
            .storeDurably()
            .requestRecovery()
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(key, GROUP)
            .forJob(job)
            .startNow()
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInSeconds(1)
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build();
    try {
      if (!s.checkExists(job.getKey())) {
        s.scheduleJob(job, trigger);
      } else if (!s.checkExists(trigger.getKey())) {
        s.scheduleJob(trigger);
      }
    } catch (ObjectAlreadyExistsException raced) {
      // another instance stored them first: exactly what was wanted
    }
  }

  /**
   * Runs on a Quartz thread for as long as this instance leads the repository: takes the lease
   * (waiting for a previous holder's to expire), becomes active, renews, and returns when stopping
   * or when the lease is lost.
   */
  void lead() {
    if (spread != null && !spread.mayLead(this)) {
      return; // at its share: the trigger fires again in a second, maybe on another instance
    }
    while (!stopping) {
      try {
        if (lease.tryAcquire()) {
          break;
        }
      } catch (SQLException e) {
        LOG.warn("cannot take the lease: {}", e.getMessage());
      }
      pause(renewEvery);
      if (spread != null && !spread.mayLead(this)) {
        return;
      }
    }
    if (stopping) {
      return;
    }
    if (spread != null && !spread.claim(this)) {
      lease.release(); // another of this instance's repositories took the last place in its share
      return;
    }
    active = true;
    LOG.info("instance {} is active for {}", instanceId, repository);
    boolean handOver = false;
    try {
      roles.active();
      while (!stopping) {
        pause(renewEvery);
        if (stopping) {
          break;
        }
        try {
          if (!lease.renew()) {
            break;
          }
        } catch (SQLException e) {
          if (!lease.valid()) {
            LOG.warn("lease expired: the database could not be reached to renew it ({})", e);
            break;
          }
          LOG.warn("cannot renew the lease yet (still valid locally): {}", e.getMessage());
        }
        if (spread != null && roles.idle() && spread.shouldHandOver(this)) {
          LOG.info("instance {} leads more than its share: hands {} over", instanceId, repository);
          handOver = true;
          break;
        }
      }
    } finally {
      active = false;
      if (spread != null) {
        spread.stopsLeading(this);
      }
      LOG.info("instance {} is standby for {}", instanceId, repository);
      roles.standby();
      if (handOver) {
        lease.release(); // after the triggers stopped: the next instance need not wait it out
      }
    }
  }

  private void pause(Duration d) {
    synchronized (monitor) {
      if (stopping) {
        return;
      }
      try {
        monitor.wait(Math.max(1, d.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }
  }

  /**
   * Whether this instance's Quartz competes for the repository's lead job: an instance at its share
   * stops acquiring the trigger (check-ins and recovery go on), or it would win every race for it —
   * it polls again right after declining — and starve the others.
   */
  void compete(boolean on) {
    ClusterJobStore.competing(schedulerName(key), instanceId).set(on);
  }

  /** Whether this instance may apply changes now (the fence). */
  public boolean mayApply() {
    return active && lease.valid();
  }

  /** Whether this instance leads (and so runs cycles); a standby otherwise. */
  public boolean active() {
    return active;
  }

  public String instanceId() {
    return instanceId;
  }

  public String repository() {
    return repository;
  }

  /** The instance holding the repository's lease, as the database says (for status and views). */
  public java.util.Optional<Lease.Holder> holder() {
    return lease.holder();
  }

  /**
   * Leaves the cluster: stops taking jobs, ends the lead job (the daemon has let its cycle finish
   * before), releases the lease so a standby takes over at once, and shuts Quartz down.
   */
  @Override
  public void close() {
    try {
      scheduler.standby();
    } catch (SchedulerException e) {
      LOG.warn("cannot put the scheduler in standby: {}", e.getMessage());
    }
    synchronized (monitor) {
      stopping = true;
      monitor.notifyAll();
    }
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      LOG.warn("cannot shut the clustered scheduler down: {}", e.getMessage());
    }
    lease.release();
    lease.close();
    ClusterJobStore.forget(schedulerName(key), instanceId);
  }
}
