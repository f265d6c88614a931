package io.vulnsift.scheduler;

import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.vulnsift.workflow.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The {@code serve} schedule: one quarkus-scheduler job per workflow with a {@code
 * triggers.schedule}, on its cron in its time zone. A workflow never overlaps itself — a tick that
 * finds the previous run still going is skipped (and logged) — and {@link #awaitIdle} lets a
 * stopping service finish the runs in flight instead of cutting them off.
 */
@ApplicationScoped
public class WorkflowJobs {
  private static final Logger LOG = Logger.getLogger(WorkflowJobs.class);

  @Inject Scheduler scheduler;

  private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();

  /** Schedules every workflow that has a schedule; returns their triggers (empty: none has one). */
  public List<Trigger> schedule(List<Workflow> workflows, Consumer<Workflow> run) {
    List<Trigger> triggers = new ArrayList<>();
    for (Workflow wf : workflows) {
      if (wf.triggers().schedule() == null) {
        continue;
      }
      triggers.add(
          scheduler
              .newJob(jobId(wf))
              .setCron(wf.triggers().schedule().cron())
              .setTimeZone(ZoneId.of(wf.triggers().schedule().timezone()).getId())
              .setConcurrentExecution(ConcurrentExecution.SKIP)
              .setTask(execution -> runAlone(wf, run))
              .schedule());
    }
    return triggers;
  }

  /** The job of a workflow. */
  public static String jobId(Workflow wf) {
    return "workflow-" + wf.name();
  }

  /**
   * Runs the workflow unless a run of it is still going (then returns false). Failures are logged,
   * never thrown: one failed run must not stop the service; the next tick tries again.
   */
  public boolean runAlone(Workflow wf, Consumer<Workflow> run) {
    AtomicBoolean busy = running.computeIfAbsent(wf.name(), n -> new AtomicBoolean());
    if (!busy.compareAndSet(false, true)) {
      LOG.warnf("workflow %s: previous run still going, this tick is skipped", wf.name());
      return false;
    }
    try {
      run.accept(wf);
    } catch (RuntimeException e) {
      LOG.errorf(e, "workflow %s failed", wf.name());
    } finally {
      synchronized (this) {
        busy.set(false);
        notifyAll();
      }
    }
    return true;
  }

  /** Waits until no run is in flight, at most {@code max}; true when idle. */
  public synchronized boolean awaitIdle(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (running.values().stream().anyMatch(AtomicBoolean::get)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
