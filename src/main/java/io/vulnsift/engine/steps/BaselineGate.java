package io.vulnsift.engine.steps;

import io.vulnsift.engine.RunContext;
import io.vulnsift.engine.port.StateStore;
import io.vulnsift.engine.port.StateStore.GroupSnapshot;
import io.vulnsift.engine.port.StateStore.MarkerState;
import io.vulnsift.engine.port.StateStore.MarkerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * The first-run baseline is taken once and exclusively (SPEC §2.6): the first run claims the
 * workflow marker with a conditional write and records every baseline group before releasing it.
 * Runs that start meanwhile wait for it (bounded) or defer their new groups to the next run, so
 * concurrent first runs alert exactly what one first run alerts.
 */
@ApplicationScoped
public class BaselineGate {
  private static final Duration POLL = Duration.ofMillis(200);

  /** How this run treats groups without state. */
  public enum Mode {
    FIRST_RUN,
    LATER_RUN,
    DEFERRED
  }

  public Mode enter(RunContext run) {
    StateStore state = run.env().state();
    String workflow = run.workflow().name();
    var o = run.options();
    // A run scoped to one image (an event) sees too little to take the baseline of the whole
    // workflow: it only reads the marker, and defers until a full (scheduled) run has taken it.
    // A workflow without a schedule never has a full run, so its first event run takes it.
    boolean scoped = o.scope().isPresent() && run.workflow().triggers().schedule() != null;
    MarkerState marker =
        o.dryRun() || scoped
            ? state.marker(workflow, o.now())
            : state.claimBaseline(workflow, o.runId(), o.now(), o.leaseFromNow());
    if (scoped && marker.status() != MarkerStatus.DONE) {
      run.firstRun("deferred: an event-scoped run waits for the first full run's baseline");
      return Mode.DEFERRED;
    }
    switch (marker.status()) {
      case DONE:
        run.firstRun("no");
        return Mode.LATER_RUN;
      case ABSENT:
      case ACQUIRED:
        run.firstRun("yes");
        return Mode.FIRST_RUN;
      default:
        if (o.dryRun() || !waitForOther(state, workflow, run, o.baselineWait())) {
          run.firstRun("deferred: baseline held by run " + marker.owner());
          return Mode.DEFERRED;
        }
        run.firstRun("no (waited for the first run's baseline)");
        return Mode.LATER_RUN;
    }
  }

  /** Records the baseline groups, then marks the baseline done (not in a dry run). */
  public void recordAndRelease(RunContext run, List<GroupSnapshot> baseline) {
    var o = run.options();
    if (o.dryRun()) {
      return;
    }
    StateStore state = run.env().state();
    if (!baseline.isEmpty()) {
      state.recordBaseline(run.workflow().name(), baseline, o.now());
    }
    state.completeBaseline(run.workflow().name(), o.runId(), o.now());
  }

  private static boolean waitForOther(
      StateStore state, String workflow, RunContext run, Duration maxWait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (state.marker(workflow, run.options().now()).status() == MarkerStatus.DONE) {
        return true;
      }
    }
    return false;
  }
}
